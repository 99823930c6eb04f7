// Splits a byte stream into request lines (docs/protocol.md: split on \n, one trailing \r
// removed, numbered from 1, empty lines included) without ever buffering more than
// LINE_BYTES_MAX + 1 bytes of one line: a longer line is discarded as it streams by and
// reported as LINE_TOO_LONG at its newline. Bytes are decoded as strict UTF-8: a whole run of
// complete lines at once when it is valid (splitting on 0x0A never cuts a UTF-8 sequence),
// otherwise line by line, so one bad line does not taint its neighbours.
import { isUtf8 } from 'node:buffer';
import { LINE_BYTES_MAX } from './limits.js';
import { ERROR_CODE } from '../../generated/ts/protocol-edge.js';

/** One line: its text, or why it has none. */
export type Line = string | { readonly fault: typeof ERROR_CODE.LINE_TOO_LONG | typeof ERROR_CODE.INVALID_UTF8 };

export const TOO_LONG: Line = { fault: ERROR_CODE.LINE_TOO_LONG };
export const NOT_UTF8: Line = { fault: ERROR_CODE.INVALID_UTF8 };

// ignoreBOM: a leading U+FEFF is kept, so JSON.parse refuses it as the RFC 8259 text it is not.
const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

const CR = 0x0d;
const LF = 0x0a;

function contentLength(bytes: Uint8Array, start: number, end: number): number {
  return end > start && bytes[end - 1] === CR ? end - start - 1 : end - start;
}

function decodeOne(bytes: Uint8Array): Line {
  const n = contentLength(bytes, 0, bytes.length);
  if (n > LINE_BYTES_MAX) return TOO_LONG;
  try {
    return strict.decode(bytes.subarray(0, n));
  } catch {
    return NOT_UTF8;
  }
}

export class LineReader {
  /** Bytes of the unfinished line (bounded by LINE_BYTES_MAX + 1 unless discarding). */
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  /** The unfinished line is already too long: its bytes are dropped until its newline. */
  private discarding = false;

  /** Feed a chunk; calls `onLine` for every line it completes, in order. */
  push(chunk: Buffer, onLine: (line: Line) => void): void {
    let start = 0;
    const first = chunk.indexOf(LF);
    if (first === -1) {
      this.keep(chunk);
      return;
    }
    if (this.pendingBytes > 0 || this.discarding) {
      this.keep(chunk.subarray(0, first));
      onLine(this.takePending());
      start = first + 1;
    }
    const last = chunk.lastIndexOf(LF);
    if (last >= start) this.completeRun(chunk, start, last, onLine);
    this.keep(chunk.subarray(last + 1));
  }

  /** End of input: an unterminated last line is still a line. */
  end(onLine: (line: Line) => void): void {
    if (this.pendingBytes > 0 || this.discarding) onLine(this.takePending());
  }

  /** Lines chunk[start..end) are complete (end is a newline). */
  private completeRun(chunk: Buffer, start: number, end: number, onLine: (line: Line) => void): void {
    if (end - start <= LINE_BYTES_MAX && isUtf8(chunk.subarray(start, end))) {
      const text = chunk.toString('utf8', start, end);
      let from = 0;
      for (;;) {
        const nl = text.indexOf('\n', from);
        const stop = nl === -1 ? text.length : nl;
        onLine(stop > from && text.charCodeAt(stop - 1) === CR ? text.slice(from, stop - 1) : text.slice(from, stop));
        if (nl === -1) return;
        from = nl + 1;
      }
    }
    let from = start;
    for (;;) {
      const nl = chunk.indexOf(LF, from);
      const stop = nl === -1 || nl > end ? end : nl;
      onLine(decodeOne(chunk.subarray(from, stop)));
      if (stop === end) return;
      from = stop + 1;
    }
  }

  private keep(bytes: Buffer): void {
    if (bytes.length === 0 || this.discarding) return;
    if (this.pendingBytes + bytes.length > LINE_BYTES_MAX + 1) {
      this.pending = [];
      this.pendingBytes = 0;
      this.discarding = true;
      return;
    }
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
  }

  private takePending(): Line {
    const line = this.discarding ? TOO_LONG : decodeOne(Buffer.concat(this.pending, this.pendingBytes));
    this.pending = [];
    this.pendingBytes = 0;
    this.discarding = false;
    return line;
  }
}
