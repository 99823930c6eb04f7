import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { commandWords } from './command-words.js';
import { LineSplitter } from './line-splitter.js';

/** Sessions still running; killed if the harness itself exits first, so that none is left behind. */
const live = new Set<ProcessSession>();
let exitHookInstalled = false;

function killLeftovers(): void {
  for (const session of live) session.kill();
}

/** How much of stderr is kept to explain a crash. */
export const STDERR_TAIL_BYTES_MAX = 4096;

/** What `next` resolves to: a line, the end of the process, or the end of the wait. */
export type Received =
  | { readonly kind: 'line'; readonly line: string }
  | { readonly kind: 'exit'; readonly code: number | null; readonly signal: NodeJS.Signals | null }
  | { readonly kind: 'spawn-error'; readonly message: string }
  | { readonly kind: 'timeout' };

/**
 * One running implementation process: lines in, lines out. Writes are queued
 * and pushed with backpressure (a write that fills the pipe waits for `drain`)
 * while responses are read concurrently. The command runs in its own process
 * group, so that killing it also ends whatever it started: directly when it is a
 * plain argument list (command-words.ts), else through the shell.
 */
export class ProcessSession {
  private readonly child: ChildProcess;
  private readonly lines: string[] = [];
  private lineHead = 0;
  private waiter: ((received: Received) => void) | undefined;
  private ended: Received | undefined;
  private stderrTail = Buffer.alloc(0);
  private writing: Promise<void> = Promise.resolve();

  constructor(command: string, cwd: string) {
    const words = commandWords(command);
    const options: SpawnOptions = { cwd, detached: true, stdio: ['pipe', 'pipe', 'pipe'] };
    this.child = words ? spawn(words[0]!, words.slice(1), options) : spawn(command, { ...options, shell: true });
    live.add(this);
    if (!exitHookInstalled) {
      exitHookInstalled = true;
      process.once('exit', killLeftovers);
    }
    const splitter = new LineSplitter();
    const onLine = (line: string): void => this.deliver({ kind: 'line', line });
    this.child.stdout!.on('data', (chunk: Buffer) => splitter.push(chunk, onLine));
    this.child.stderr!.on('data', (chunk: Buffer) => {
      const joined = Buffer.concat([this.stderrTail, chunk]);
      this.stderrTail = joined.subarray(Math.max(0, joined.length - STDERR_TAIL_BYTES_MAX));
    });
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

  private deliver(received: Received): void {
    const waiter = this.waiter;
    if (waiter && received.kind === 'line') {
      this.waiter = undefined;
      waiter(received);
      return;
    }
    if (received.kind === 'line') this.lines.push(received.line);
  }

  private finish(received: Received): void {
    if (this.ended) return;
    this.ended = received;
    live.delete(this);
    const waiter = this.waiter;
    if (waiter && this.lineHead >= this.lines.length) {
      this.waiter = undefined;
      waiter(received);
    }
  }

  /** Queues lines (each written followed by `\n`); resolves when all are handed to the pipe. */
  write(lines: readonly Buffer[]): Promise<void> {
    this.writing = this.writing.then(() => this.writeNow(lines));
    return this.writing;
  }

  private async writeNow(lines: readonly Buffer[]): Promise<void> {
    const stdin = this.child.stdin!;
    const newline = Buffer.from('\n');
    const chunkBytesMax = 1 << 16;
    let batch: Buffer[] = [];
    let batchBytes = 0;
    const flush = async (): Promise<void> => {
      if (batch.length === 0 || this.ended || stdin.destroyed) return;
      const ok = stdin.write(Buffer.concat(batch, batchBytes));
      batch = [];
      batchBytes = 0;
      if (!ok) await new Promise<void>((resolve) => {
        const done = (): void => {
          stdin.off('drain', done);
          stdin.off('close', done);
          resolve();
        };
        stdin.on('drain', done);
        stdin.on('close', done);
      });
    };
    for (const line of lines) {
      batch.push(line, newline);
      batchBytes += line.length + 1;
      if (batchBytes >= chunkBytesMax) await flush();
    }
    await flush();
  }

  /** Ends stdin once everything queued is written. */
  endInput(): void {
    this.writing = this.writing.then(() => {
      if (!this.child.stdin!.destroyed) this.child.stdin!.end();
    });
  }

  /** The next line, or the exit, or `timeout` when `deadline` (ms since epoch) passes first. */
  next(deadline: number): Promise<Received> {
    if (this.lineHead < this.lines.length) {
      const line = this.lines[this.lineHead]!;
      this.lineHead += 1;
      if (this.lineHead > 4096 && this.lineHead * 2 > this.lines.length) {
        this.lines.splice(0, this.lineHead);
        this.lineHead = 0;
      }
      return Promise.resolve({ kind: 'line', line });
    }
    if (this.ended) return Promise.resolve(this.ended);
    return new Promise<Received>((resolve) => {
      const timer = setTimeout(() => {
        this.waiter = undefined;
        resolve({ kind: 'timeout' });
      }, Math.max(0, deadline - Date.now()));
      this.waiter = (received) => {
        clearTimeout(timer);
        resolve(received);
      };
    });
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
    const pid = this.child.pid;
    if (pid === undefined || this.ended) return;
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      this.child.kill('SIGKILL');
    }
  }
}
