// Reading a journal file as complete lines without holding it in memory: forward in fixed-size
// chunks, and the torn tail (bytes after the last `\n`) found by reading backwards.
import { readSync } from 'node:fs';
import { JOURNAL_LINE_BYTES_MAX } from './journal-format.js';

/** Bytes read at a time. */
export const READ_CHUNK_BYTES = 1 << 20;

/** One complete line: its bytes without `\n` (undefined when longer than the limit). */
export type LineVisitor = (bytes: Buffer | undefined, offset: number) => boolean;

export function readAt(fd: number, offset: number, length: number): Buffer {
  const out = Buffer.allocUnsafe(length);
  let got = 0;
  while (got < length) {
    const n = readSync(fd, out, got, length - got, offset + got);
    if (n === 0) break;
    got += n;
  }
  return got === length ? out : out.subarray(0, got);
}

/** Offset just after the last `\n` before `size` (0 when there is none). */
export function tornStart(fd: number, size: number): number {
  let end = size;
  while (end > 0) {
    const start = Math.max(0, end - READ_CHUNK_BYTES);
    const chunk = readAt(fd, start, end - start);
    const nl = chunk.lastIndexOf(0x0a);
    if (nl >= 0) return start + nl + 1;
    end = start;
  }
  return 0;
}

/** Calls `visit` for each complete line in [from, to) (to is a line boundary); stops when it returns false. */
export function forEachLine(fd: number, from: number, to: number, visit: LineVisitor): void {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let lineStart = from;
  let tooLong = false;
  for (let at = from; at < to; ) {
    const chunk = readAt(fd, at, Math.min(READ_CHUNK_BYTES, to - at));
    let start = 0;
    for (let nl = chunk.indexOf(0x0a); nl >= 0; nl = chunk.indexOf(0x0a, start)) {
      const piece = chunk.subarray(start, nl);
      let line: Buffer | undefined;
      if (tooLong || pendingBytes + piece.length > JOURNAL_LINE_BYTES_MAX) line = undefined;
      else line = pendingBytes === 0 ? piece : Buffer.concat([...pending, piece]);
      if (!visit(line, lineStart)) return;
      pending = [];
      pendingBytes = 0;
      tooLong = false;
      start = nl + 1;
      lineStart = at + start;
    }
    const rest = chunk.subarray(start);
    if (!tooLong && pendingBytes + rest.length <= JOURNAL_LINE_BYTES_MAX) {
      pending.push(Buffer.from(rest));
      pendingBytes += rest.length;
    } else {
      tooLong = true;
      pending = [];
      pendingBytes = 0;
    }
    at += chunk.length;
    if (chunk.length === 0) return;
  }
}
