import { describe, expect, it } from 'vitest';
import { joinLines } from '../../src/harness/line-inbox.js';

const NEWLINE = Buffer.from('\n');

/** The bytes written for lines or pieces: each followed by a newline. */
function written(lines: ReadonlyArray<string | Buffer>): Buffer {
  return Buffer.concat(lines.flatMap((line) => [typeof line === 'string' ? Buffer.from(line, 'utf8') : line, NEWLINE]));
}

describe('joinLines', () => {
  it('writes the same bytes as one line at a time, text and raw lines mixed', () => {
    const raw = Buffer.from([0xff, 0xfe, 0x7b, 0x0d]); // not UTF-8, with a carriage return
    const lines = [raw, '{"op":"hello","seq":0}', '{"a":"é€😀"}', raw, raw, '', '{"b":1}', raw];
    const pieces = joinLines(lines);
    expect(written(pieces)).toEqual(written(lines));
    // Runs of text are one piece each; raw lines stay as they are.
    expect(pieces).toHaveLength(6);
    expect(joinLines([])).toEqual([]);
    expect(joinLines(['x', 'y'])).toEqual([Buffer.from('x\ny')]);
  });
});
