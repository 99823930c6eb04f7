import { describe, expect, it } from 'vitest';
import { LINE_BYTES_MAX, LineReader, type Line } from '../../src/protocol/index.js';

function feed(chunks: Buffer[]): Line[] {
  const reader = new LineReader();
  const lines: Line[] = [];
  for (const c of chunks) reader.push(c, (l) => lines.push(l));
  reader.end((l) => lines.push(l));
  return lines;
}

describe('LineReader', () => {
  it('splits on \\n, drops one trailing \\r, keeps empty lines, and answers an unterminated tail', () => {
    expect(feed([Buffer.from('a\r\n\nb\r\r\nc')])).toEqual(['a', '', 'b\r', 'c']);
  });

  it('reassembles lines across chunk boundaries, including a split multi-byte character', () => {
    const bytes = Buffer.from('{"a":"é€𝄞"}\n{"b":1}\n');
    for (let cut = 0; cut <= bytes.length; cut++) {
      expect(feed([bytes.subarray(0, cut), bytes.subarray(cut)])).toEqual(['{"a":"é€𝄞"}', '{"b":1}']);
    }
  });

  it('reports invalid UTF-8 per line without tainting its neighbours', () => {
    const lines = feed([Buffer.concat([Buffer.from('ok\n'), Buffer.from([0xc3, 0x28]), Buffer.from('\nfine\n'), Buffer.from([0xed, 0xa0, 0x80, 0x0a])])]);
    expect(lines).toEqual(['ok', { fault: 'INVALID_UTF8' }, 'fine', { fault: 'INVALID_UTF8' }]);
  });

  it('keeps a byte order mark (so the JSON check refuses it)', () => {
    expect(feed([Buffer.from([0xef, 0xbb, 0xbf, 0x31, 0x0a])])).toEqual(['\ufeff1']);
  });

  it('refuses a line over LINE_BYTES_MAX without buffering it, then goes on', () => {
    const reader = new LineReader();
    const lines: Line[] = [];
    const mib = Buffer.alloc(1024 * 1024, 0x61);
    for (let i = 0; i < 64; i++) reader.push(mib, (l) => lines.push(l));
    // 64 MiB streamed in: the reader holds nothing of it.
    expect((reader as unknown as { pendingBytes: number }).pendingBytes).toBe(0);
    reader.push(Buffer.from('\n{"x":1}\n'), (l) => lines.push(l));
    expect(lines).toEqual([{ fault: 'LINE_TOO_LONG' }, '{"x":1}']);
  });

  it('accepts a line of exactly LINE_BYTES_MAX bytes (plus \\r) and refuses one byte more', () => {
    const exact = Buffer.alloc(LINE_BYTES_MAX, 0x20);
    const [a] = feed([exact, Buffer.from('\r\n')]);
    expect(typeof a).toBe('string');
    expect((a as string).length).toBe(LINE_BYTES_MAX);
    expect(feed([Buffer.concat([exact, Buffer.from(' \n')])])).toEqual([{ fault: 'LINE_TOO_LONG' }]);
    expect(feed([Buffer.concat([Buffer.from('\n'), exact, Buffer.from(' \n')])])).toEqual(['', { fault: 'LINE_TOO_LONG' }]);
  });
});
