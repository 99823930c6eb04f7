import { describe, expect, it } from 'vitest';
import { LineSplitter } from '../../src/harness/line-splitter.js';

/** The lines a splitter gives for `text` cut into chunks at `cuts` (byte offsets). */
function split(text: string, cuts: readonly number[]): string[] {
  const bytes = Buffer.from(text, 'utf8');
  const lines: string[] = [];
  const splitter = new LineSplitter();
  let from = 0;
  for (const cut of [...cuts, bytes.length]) {
    // A fresh buffer per chunk, overwritten after the push: the stream may reuse its memory.
    const chunk = Buffer.from(bytes.subarray(from, cut));
    splitter.push(chunk, (line) => lines.push(line));
    chunk.fill(0x21);
    from = cut;
  }
  splitter.flush((line) => lines.push(line));
  return lines;
}

describe('LineSplitter', () => {
  const text = '{"a":1}\n\n{"b":"é€😀"}\n{"c":[1,2,3]}\nlast without newline';
  const expected = ['{"a":1}', '', '{"b":"é€😀"}', '{"c":[1,2,3]}', 'last without newline'];

  it('gives the same lines however the stream is cut (mid-line, mid-character, across several chunks)', () => {
    const length = Buffer.byteLength(text);
    expect(split(text, [])).toEqual(expected);
    for (let cut = 1; cut < length; cut += 1) expect(split(text, [cut])).toEqual(expected);
    for (let a = 1; a < length; a += 3) for (let b = a + 1; b < length; b += 5) expect(split(text, [a, b])).toEqual(expected);
    expect(split(text, Array.from({ length: length - 1 }, (_, i) => i + 1))).toEqual(expected);
  });

  it('gives nothing more at the end when the stream ends with a newline', () => {
    expect(split('x\ny\n', [3])).toEqual(['x', 'y']);
  });
});
