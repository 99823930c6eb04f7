import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { killGroup, startCommand } from './command-process.js';
import { describeEnd, type LineChannel } from './line-inbox.js';
import { LineSplitter } from './line-splitter.js';
import { keepTail } from './process-session.js';
import { SocketSession } from './socket-session.js';

/** Hosts still running; killed if the harness itself exits first. */
const live = new Set<SessionHost>();
let exitHookInstalled = false;

/** A session that could not be opened: it ends at once, saying why (a failed handshake). */
function unopened(message: string): LineChannel {
  return {
    write: () => Promise.resolve(),
    endInput: () => undefined,
    next: () => Promise.resolve({ kind: 'spawn-error', message }),
    take: () => undefined,
    kill: () => undefined,
    stderr: () => '',
  };
}

/**
 * One process serving many sessions (`lockstep kernel --listen SOCKET`: the listen command plus
 * a socket path), each session a connection (socket-session.ts). Started on first use; a
 * session that hangs kills it (its one thread is stuck) and the next session starts another.
 * It ends when the harness closes its stdin; anything else that ends it while it serves is a
 * problem of the run, since a crash closes every connection just as a clean end does.
 */
export class SessionHost {
  private child: ChildProcess | undefined;
  private ready: Promise<string | undefined> | undefined;
  private dir: string | undefined;
  /** Every socket folder made, removed at close (a killed server leaves its socket behind). */
  private readonly dirs: string[] = [];
  private stderrTail: Buffer = Buffer.alloc(0);
  /** Ends the harness caused (a kill for a hang, the close): not problems. */
  private readonly expected = new WeakSet<ChildProcess>();
  readonly problems: string[] = [];
  /** Server processes started. */
  starts = 0;

  constructor(
    readonly command: string,
    private readonly cwd: string,
    private readonly timeoutMs: number,
  ) {}

  /** A new session on the running server (started or restarted first when needed). */
  async open(): Promise<LineChannel> {
    if (this.child === undefined) this.start();
    const failure = await this.ready!;
    if (failure !== undefined) return unopened(failure);
    return new SocketSession(join(this.dir!, 'kernel.sock'), this);
  }

  private start(): void {
    this.dir = mkdtempSync(join(tmpdir(), 'lockstep-host-'));
    this.dirs.push(this.dir);
    const path = join(this.dir, 'kernel.sock');
    const child = startCommand(this.command, [path], { cwd: this.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child = child;
    this.starts += 1;
    live.add(this);
    if (!exitHookInstalled) {
      exitHookInstalled = true;
      process.once('exit', () => live.forEach((host) => host.kill()));
    }
    child.stdin!.on('error', () => undefined);
    child.stderr!.on('data', (chunk: Buffer) => (this.stderrTail = keepTail(this.stderrTail, chunk)));
    this.ready = new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.kill();
        resolve(`${this.command}: no 'listening' line within ${this.timeoutMs} ms (killed)`);
      }, this.timeoutMs);
      const splitter = new LineSplitter();
      child.stdout!.on('data', (chunk: Buffer) =>
        splitter.push(chunk, (line) => {
          clearTimeout(timer);
          resolve(line === `listening ${path}` ? undefined : `${this.command}: expected 'listening ${path}', got ${JSON.stringify(line.slice(0, 200))}`);
        }),
      );
      child.on('error', (error) => {
        clearTimeout(timer);
        resolve(`could not start ${this.command}: ${error.message}`);
      });
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        const why = `${this.command} ${describeEnd({ kind: 'exit', code, signal })}`;
        resolve(`${why} before listening${this.stderrNote()}`);
        if (!this.expected.has(child)) this.problems.push(`${why} while serving sessions${this.stderrNote()}`);
        if (this.child === child) this.child = undefined;
        live.delete(this);
      });
    });
  }

  stderr(): string {
    return this.stderrTail.toString('utf8');
  }

  /** `; stderr: <its end>` for a problem sentence, or nothing when it wrote none. */
  private stderrNote(): string {
    return this.stderrTail.length > 0 ? `; stderr: ${this.stderr().trim().slice(-400)}` : '';
  }

  /** Ends the server at once (a hang); the next `open` starts another. */
  kill(): void {
    const child = this.child;
    if (child === undefined) return;
    this.expected.add(child);
    this.child = undefined;
    killGroup(child);
  }

  /** Closes the server's stdin and waits for it to exit 0 (a problem otherwise). */
  async close(): Promise<void> {
    const child = this.child;
    if (child !== undefined) {
      this.expected.add(child);
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('close', (code, signal) => resolve({ code, signal })));
      child.stdin?.end();
      const timer = setTimeout(() => this.kill(), this.timeoutMs);
      const { code, signal } = await exited;
      clearTimeout(timer);
      // It may also have died before (a crash the sessions saw first): either way not the clean end.
      if (code !== 0) this.problems.push(`${this.command} ${describeEnd({ kind: 'exit', code, signal })}, not 0 once its stdin closed${this.stderrNote()}`);
    }
    for (const dir of this.dirs) rmSync(dir, { recursive: true, force: true });
  }
}
