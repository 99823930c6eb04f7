// A minimal reader of tar archives (ustar, as written by `git archive` and `npm pack`), gzip
// detected by magic bytes. Only regular files are returned; enough to read a packed baseline.
import { gunzipSync } from 'node:zlib';

export function readTar(bytes: Buffer): Map<string, Buffer> {
  const data = bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes;
  const files = new Map<string, Buffer>();
  let longName: string | undefined;
  for (let offset = 0; offset + 512 <= data.length; ) {
    const header = data.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) break;
    const field = (start: number, length: number): string => header.subarray(start, start + length).toString('utf8').replace(/\0.*$/s, '');
    const size = parseInt(field(124, 12).trim() || '0', 8);
    const type = field(156, 1);
    const prefix = field(345, 155);
    const name = longName ?? (prefix === '' ? field(0, 100) : `${prefix}/${field(0, 100)}`);
    const body = data.subarray(offset + 512, offset + 512 + size);
    longName = undefined;
    if (type === 'x') {
      const match = /\d+ path=([^\n]*)\n/.exec(body.toString('utf8'));
      if (match !== null) longName = match[1];
    } else if (type === '0' || type === '') files.set(name, Buffer.from(body));
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}
