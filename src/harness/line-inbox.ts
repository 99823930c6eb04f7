/** What `next` resolves to: a line, the end of the session, or the end of the wait. */
export type Received =
  | { readonly kind: 'line'; readonly line: string }
  | { readonly kind: 'exit'; readonly code: number | null; readonly signal: NodeJS.Signals | null }
  /** A session served over a socket ended: the server closed it (`error`: the connection failed instead). */
  | { readonly kind: 'closed'; readonly error?: string }
  | { readonly kind: 'spawn-error'; readonly message: string }
  | { readonly kind: 'timeout' };

/** How a session ended, as a phrase for a report ("exited with code 3", "killed by SIGKILL"). */
export function describeEnd(received: Received): string {
  if (received.kind === 'exit') {
    return received.signal ? `killed by ${received.signal}` : `exited with code ${String(received.code)}`;
  }
  if (received.kind === 'spawn-error') return `could not start: ${received.message}`;
  if (received.kind === 'closed') return received.error === undefined ? 'closed the session' : `lost the session (${received.error})`;
  return 'no answer';
}

/** The harness's side of one session, whatever carries it (a process's pipes, a socket). */
export interface LineChannel {
  /** Queues lines (each written followed by `\n`); resolves when all are handed over. */
  write(lines: readonly Buffer[]): Promise<void>;
  /** Ends the input once everything queued is written. */
  endInput(): void;
  /** The next line, or the end, or `timeout` when `deadline` (ms since epoch) passes first. */
  next(deadline: number): Promise<Received>;
  /** A line already received and not yet read, without waiting (undefined when there is none). */
  take(): string | undefined;
  /** Ends the session at once, and whatever could be stuck serving it. */
  kill(): void;
  /** The end of the server's stderr, for a crash report. */
  stderr(): string;
}

/**
 * The answers of one session as they arrive, and the one reader waiting for the next: lines
 * are queued until read, and the end is reported once every line before it has been read.
 */
export class LineInbox {
  private readonly lines: string[] = [];
  private head = 0;
  private waiter: ((received: Received) => void) | undefined;
  private end: Received | undefined;

  get ended(): boolean {
    return this.end !== undefined;
  }

  deliver(line: string): void {
    const waiter = this.waiter;
    if (waiter) {
      this.waiter = undefined;
      waiter({ kind: 'line', line });
      return;
    }
    this.lines.push(line);
  }

  /** The session ended (the first end reported wins). */
  finish(received: Exclude<Received, { kind: 'line' | 'timeout' }>): void {
    if (this.end) return;
    this.end = received;
    const waiter = this.waiter;
    if (waiter && this.head >= this.lines.length) {
      this.waiter = undefined;
      waiter(received);
    }
  }

  /** A queued line, without waiting (a reader that has many to read spares a promise each). */
  take(): string | undefined {
    if (this.head >= this.lines.length) return undefined;
    const line = this.lines[this.head]!;
    this.head += 1;
    if (this.head > 4096 && this.head * 2 > this.lines.length) {
      this.lines.splice(0, this.head);
      this.head = 0;
    }
    return line;
  }

  next(deadline: number): Promise<Received> {
    const queued = this.take();
    if (queued !== undefined) return Promise.resolve({ kind: 'line', line: queued });
    if (this.end) return Promise.resolve(this.end);
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
}

const NEWLINE = Buffer.from('\n');

/**
 * Lines as few pieces, each to be written followed by a newline (as `writeLines` does): a run
 * of text lines becomes one buffer, the lines joined by newlines; byte lines stay as they are.
 * One encoding per run instead of one buffer per line (a session is thousands of lines).
 */
export function joinLines(lines: ReadonlyArray<string | Buffer>): Buffer[] {
  const pieces: Buffer[] = [];
  let run: string[] = [];
  const endRun = (): void => {
    if (run.length > 0) pieces.push(Buffer.from(run.join('\n'), 'utf8'));
    run = [];
  };
  for (const line of lines) {
    if (typeof line === 'string') {
      run.push(line);
      continue;
    }
    endRun();
    pieces.push(line);
  }
  endRun();
  return pieces;
}
/** Lines are gathered into writes of about this many bytes. */
const WRITE_CHUNK_BYTES = 1 << 16;

/** Writes lines to `stream` with backpressure (a write that fills the pipe waits for `drain`). */
export async function writeLines(stream: NodeJS.WritableStream & { destroyed: boolean }, lines: readonly Buffer[], stopped: () => boolean): Promise<void> {
  let batch: Buffer[] = [];
  let batchBytes = 0;
  const flush = async (): Promise<void> => {
    if (batch.length === 0 || stopped() || stream.destroyed) return;
    const ok = stream.write(Buffer.concat(batch, batchBytes));
    batch = [];
    batchBytes = 0;
    if (!ok) {
      await new Promise<void>((resolve) => {
        const done = (): void => {
          stream.off('drain', done);
          stream.off('close', done);
          resolve();
        };
        stream.on('drain', done);
        stream.on('close', done);
      });
    }
  };
  for (const line of lines) {
    batch.push(line, NEWLINE);
    batchBytes += line.length + 1;
    if (batchBytes >= WRITE_CHUNK_BYTES) await flush();
  }
  await flush();
}
