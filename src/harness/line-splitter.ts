/**
 * Splits a byte stream into `\n`-terminated lines, decoded as UTF-8. Partial
 * lines are carried across chunks; a final line without `\n` is returned by
 * `flush` so that a truncated last answer is still seen.
 */
export class LineSplitter {
  private carry: Buffer = Buffer.alloc(0);

  push(chunk: Buffer, emit: (line: string) => void): void {
    let data = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    let start = 0;
    for (let end = data.indexOf(0x0a, start); end >= 0; end = data.indexOf(0x0a, start)) {
      emit(data.toString('utf8', start, end));
      start = end + 1;
    }
    this.carry = start === data.length ? Buffer.alloc(0) : Buffer.from(data.subarray(start));
    data = this.carry;
  }

  flush(emit: (line: string) => void): void {
    if (this.carry.length > 0) emit(this.carry.toString('utf8'));
    this.carry = Buffer.alloc(0);
  }
}
