import { connect, type Socket } from 'node:net';
import { LineInbox, writeLines, type LineChannel, type Received } from './line-inbox.js';
import { LineSplitter } from './line-splitter.js';

/** What a socket session needs of the process serving it. */
export interface SessionServer {
  /** Ends the serving process: a session that hangs has stuck its only thread. */
  kill(): void;
  /** The end of the serving process's stderr. */
  stderr(): string;
}

/**
 * One session on a listening server (`lockstep kernel --listen`): one connection to its socket.
 * The input is half-closed for end of input, as a pipe is; the server closing its side is the
 * session's end (`closed`), as a process's exit is for a session on stdio. Whether the server
 * process itself stayed healthy is the host's to report (session-host.ts): a crash closes
 * every connection the same way.
 */
export class SocketSession implements LineChannel {
  private readonly socket: Socket;
  private readonly inbox = new LineInbox();
  private writing: Promise<void> = Promise.resolve();

  constructor(
    path: string,
    private readonly server: SessionServer,
  ) {
    this.socket = connect({ path, allowHalfOpen: true });
    const splitter = new LineSplitter();
    const onLine = (line: string): void => this.inbox.deliver(line);
    this.socket.on('data', (chunk: Buffer) => splitter.push(chunk, onLine));
    this.socket.on('end', () => {
      splitter.flush(onLine);
      this.finish({ kind: 'closed' });
    });
    this.socket.on('error', (error) => {
      splitter.flush(onLine);
      this.finish({ kind: 'closed', error: error.message });
    });
  }

  private finish(received: Exclude<Received, { kind: 'line' | 'timeout' }>): void {
    this.inbox.finish(received);
    // After the server's end nothing it reads matters: lines still queued are dropped, as a
    // process that exited drops its unread input.
    this.socket.destroy();
  }

  write(lines: readonly Buffer[]): Promise<void> {
    this.writing = this.writing.then(() => writeLines(this.socket, lines, () => this.inbox.ended));
    return this.writing;
  }

  endInput(): void {
    this.writing = this.writing.then(() => {
      if (!this.socket.destroyed) this.socket.end();
    });
  }

  next(deadline: number): Promise<Received> {
    return this.inbox.next(deadline);
  }

  take(): string | undefined {
    return this.inbox.take();
  }

  kill(): void {
    if (this.inbox.ended) return;
    this.server.kill();
    this.finish({ kind: 'closed', error: 'killed' });
  }

  stderr(): string {
    return this.server.stderr();
  }
}
