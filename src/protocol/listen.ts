// Many sessions from one process: each connection to a Unix socket is one fresh session, served
// by the same `serve` as standard input. A Node process costs ~0.1 s of CPU to start, far more
// than a short session takes to answer, so a caller that needs many fresh sessions (the parity
// harness: every fixture that must start its own session) pays one start-up instead of one each.
import { existsSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import type { Readable } from 'node:stream';
import { serve } from './server.js';
import type { Session } from './session.js';

export interface Listening {
  /** Stops accepting, ends every open session and removes the socket file. */
  close(): Promise<void>;
}

/** Serves one connection; a session that ends (bye) or is answered to the end closes it. */
function serveConnection(socket: Socket, session: Session, open: Set<Socket>): void {
  open.add(socket);
  socket.on('close', () => open.delete(socket));
  // A peer that goes away mid-write must not take the process down: the session just ends.
  socket.on('error', () => socket.destroy());
  serve(socket, socket, session).then(
    () => socket.end(),
    () => socket.destroy(),
  );
}

/**
 * Listens on `path` (which must not exist yet) and serves a new session per connection.
 * Resolves once connections are accepted; rejects with a sentence when it cannot listen.
 */
export function listen(path: string, newSession: () => Session): Promise<Listening> {
  if (existsSync(path)) return Promise.reject(new Error(`${path} already exists (another server, or a stale socket to remove first)`));
  const open = new Set<Socket>();
  // allowHalfOpen: a client that has sent its last line still reads every answer to it.
  const server: Server = createServer({ allowHalfOpen: true }, (socket) => serveConnection(socket, newSession(), open));
  return new Promise((resolve, reject) => {
    server.once('error', (e) => reject(new Error(`cannot listen on ${path}: ${e.message}`)));
    server.listen(path, () =>
      resolve({
        close: () =>
          new Promise<void>((done) => {
            for (const socket of open) socket.destroy();
            server.close(() => {
              rmSync(path, { force: true });
              done();
            });
          }),
      }),
    );
  });
}

/** Resolves when `input` ends or fails: a listening server lives exactly as long as its parent's pipe. */
export function untilClosed(input: Readable): Promise<void> {
  return new Promise((resolve) => {
    input.on('end', resolve);
    input.on('error', () => resolve());
    input.on('close', resolve);
    input.resume();
  });
}
