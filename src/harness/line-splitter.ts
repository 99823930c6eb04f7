/**
 * Splits a byte stream into `\n`-terminated lines, decoded as UTF-8. Partial
 * lines are carried across chunks; a final line without `\n` is returned by
 * `flush` so that a truncated last answer is still seen.
 */
export class LineSplitter {
  /** Pieces of the line not yet ended (a long answer can span several chunks). */
  private carry: Buffer[] = [];

  push(chunk: Buffer, emit: (line: string) => void): void {
    let start = 0;
    let end = chunk.indexOf(0x0a);
    if (end < 0) {
      // Kept as a copy: the stream may reuse the chunk's memory.
      this.carry.push(Buffer.from(chunk));
      return;
    }
    if (this.carry.length > 0) {
      // Only the carried head of the line is joined, not the whole chunk.
      emit(Buffer.concat([...this.carry, chunk.subarray(0, end)]).toString('utf8'));
      this.carry = [];
      start = end + 1;
      end = chunk.indexOf(0x0a, start);
    }
    for (; end >= 0; end = chunk.indexOf(0x0a, start)) {
      emit(chunk.toString('utf8', start, end));
      start = end + 1;
    }
    if (start < chunk.length) this.carry.push(Buffer.from(chunk.subarray(start)));
  }

  flush(emit: (line: string) => void): void {
    if (this.carry.length > 0) emit(Buffer.concat(this.carry).toString('utf8'));
    this.carry = [];
  }
}
