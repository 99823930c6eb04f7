import { describe, expect, it } from 'vitest';
import { canonicalize } from '../../src/canonical/index.js';
import { baselineFromLine, baselineTextAt, scanTopLevelSeq } from '../../src/harness/baseline-response.js';

describe('the top-level seq of a canonical answer', () => {
  it('is found by a scan that skips strings and nested objects', () => {
    const text = '{"op":"snapshot","seq":4,"snapshot":{"seq":9,"a":"\\"seq\\":7"}}';
    expect(scanTopLevelSeq(text)).toEqual(['{"op":"snapshot","seq":', 4, ',"snapshot":{"seq":9,"a":"\\"seq\\":7"}}']);
    expect(scanTopLevelSeq('{"a":{"seq":1},"b":"seq","seq":12}')?.[1]).toBe(12);
    expect(scanTopLevelSeq('{"x":["seq",{"seq":2}],"seq":3,"y":[]}')?.[1]).toBe(3);
  });

  it('is undefined when there is none or it is not a plain integer', () => {
    expect(scanTopLevelSeq('{"op":"error"}')).toBeUndefined();
    expect(scanTopLevelSeq('{"a":{"seq":1}}')).toBeUndefined();
    expect(scanTopLevelSeq('{"seq":1.5}')).toBeUndefined();
  });

  it('relocates an answer exactly as re-serialising it would', () => {
    const value = { op: 'snapshot', seq: 4, snapshot: { seq: 9, note: 'x"seq":1', list: [{ seq: 2 }] } };
    const line = canonicalize(value);
    expect(baselineTextAt(baselineFromLine(line), 100)).toBe(canonicalize({ ...value, seq: 104 }));
  });
});
