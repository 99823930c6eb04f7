import { describe, expect, it } from 'vitest';
import { joinLines, LineInbox } from '../../src/harness/line-inbox.js';

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

describe('LineInbox', () => {
  it('gives queued lines in order, by take or next, and the end only after the last line', async () => {
    const inbox = new LineInbox();
    expect(inbox.take()).toBeUndefined();
    inbox.deliver('a');
    inbox.deliver('b');
    inbox.deliver('c');
    inbox.finish({ kind: 'exit', code: 0, signal: null });
    expect(inbox.take()).toBe('a');
    expect(await inbox.next(Date.now() + 1000)).toEqual({ kind: 'line', line: 'b' });
    expect(inbox.take()).toBe('c');
    expect(inbox.take()).toBeUndefined();
    expect(await inbox.next(Date.now() + 1000)).toEqual({ kind: 'exit', code: 0, signal: null });
  });

  it('hands a line delivered later to the reader waiting for it, not to the queue', async () => {
    const inbox = new LineInbox();
    const waiting = inbox.next(Date.now() + 1000);
    inbox.deliver('late');
    expect(await waiting).toEqual({ kind: 'line', line: 'late' });
    expect(inbox.take()).toBeUndefined();
  });
});
