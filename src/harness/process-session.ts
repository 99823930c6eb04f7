import type { ChildProcess } from 'node:child_process';
import { killGroup, startCommand } from './command-process.js';
import { LineInbox, writeLines, type LineChannel, type Received } from './line-inbox.js';
import { LineSplitter } from './line-splitter.js';

export type { Received } from './line-inbox.js';

/** Sessions still running; killed if the harness itself exits first, so that none is left behind. */
const live = new Set<ProcessSession>();
let exitHookInstalled = false;

function killLeftovers(): void {
  for (const session of live) session.kill();
}

/** How much of stderr is kept to explain a crash. */
export const STDERR_TAIL_BYTES_MAX = 4096;

/** `tail` and `chunk` joined, cut to the last STDERR_TAIL_BYTES_MAX bytes. */
export function keepTail(tail: Buffer, chunk: Buffer): Buffer {
  const joined = Buffer.concat([tail, chunk]);
  return joined.subarray(Math.max(0, joined.length - STDERR_TAIL_BYTES_MAX));
}

/**
 * One running implementation process: lines in, lines out. Writes are queued
 * and pushed with backpressure (a write that fills the pipe waits for `drain`)
 * while responses are read concurrently. The command runs in its own process
 * group, so that killing it also ends whatever it started: directly when it is a
 * plain argument list (command-words.ts), else through the shell.
 */
export class ProcessSession implements LineChannel {
  private readonly child: ChildProcess;
  private readonly inbox = new LineInbox();
  private stderrTail: Buffer = Buffer.alloc(0);
  private writing: Promise<void> = Promise.resolve();

  constructor(command: string, cwd: string) {
    this.child = startCommand(command, [], { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    live.add(this);
    if (!exitHookInstalled) {
      exitHookInstalled = true;
      process.once('exit', killLeftovers);
    }
    const splitter = new LineSplitter();
    const onLine = (line: string): void => this.inbox.deliver(line);
    this.child.stdout!.on('data', (chunk: Buffer) => splitter.push(chunk, onLine));
    this.child.stderr!.on('data', (chunk: Buffer) => (this.stderrTail = keepTail(this.stderrTail, chunk)));
    // A process that dies while we write gives EPIPE on stdin: the exit is reported instead.
    this.child.stdin!.on('error', () => undefined);
    this.child.on('error', (error) => this.finish({ kind: 'spawn-error', message: error.message }));
    this.child.on('close', (code, signal) => {
      splitter.flush(onLine);
      this.finish({ kind: 'exit', code, signal });
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** The end of stderr, for a crash report. */
  stderr(): string {
    return this.stderrTail.toString('utf8');
  }

  private finish(received: Exclude<Received, { kind: 'line' | 'timeout' }>): void {
    live.delete(this);
    this.inbox.finish(received);
  }

  /** Queues lines (each written followed by `\n`); resolves when all are handed to the pipe. */
  write(lines: readonly Buffer[]): Promise<void> {
    this.writing = this.writing.then(() => this.writeNow(lines));
    return this.writing;
  }

  private writeNow(lines: readonly Buffer[]): Promise<void> {
    return writeLines(this.child.stdin!, lines, () => this.inbox.ended);
  }

  /** Ends stdin once everything queued is written. */
  endInput(): void {
    this.writing = this.writing.then(() => {
      if (!this.child.stdin!.destroyed) this.child.stdin!.end();
    });
  }

  /** The next line, or the exit, or `timeout` when `deadline` (ms since epoch) passes first. */
  next(deadline: number): Promise<Received> {
    return this.inbox.next(deadline);
  }

  take(): string | undefined {
    return this.inbox.take();
  }

  /** Waits for the exit (after `endInput`), up to `deadline`. */
  async exit(deadline: number): Promise<Received> {
    for (;;) {
      const received = await this.next(deadline);
      if (received.kind !== 'line') return received;
    }
  }

  /** Kills the whole process group (the shell and what it started). */
  kill(): void {
    if (!this.inbox.ended) killGroup(this.child);
  }
}
