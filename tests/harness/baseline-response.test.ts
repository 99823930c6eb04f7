import { describe, expect, it } from 'vitest';
import { canonicalize } from '../../src/canonical/index.js';
import { baselineFromLine, baselineFromText, baselineFromValue, baselineTextAt, matchesTextAt, scanTopLevelSeq } from '../../src/harness/baseline-response.js';

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

describe('matching an answer against a baseline at a seq offset', () => {
  const value = { op: 'intent', result: { a: 1.5, b: 'x' }, seq: 4, step: 7 }; // canonical order: op, result, seq, step
  const text = canonicalize(value);
  const kept = (): ReturnType<typeof baselineFromText> => {
    const around = baselineFromValue(value).around!;
    return baselineFromText(value, text, around[0].length, text.length - around[2].length);
  };

  it('accepts exactly the shifted text, from a value or from kept text', () => {
    for (const baseline of [baselineFromValue(value), baselineFromLine(text), kept()]) {
      expect(matchesTextAt(baseline, canonicalize({ ...value, seq: 104 }), 100)).toBe(true);
      expect(matchesTextAt(baseline, text, 0)).toBe(true);
      expect(kept().around).toEqual(baseline.around);
    }
  });

  it('refuses a difference of the same length before the seq, after it, or in it', () => {
    const baseline = kept();
    expect(matchesTextAt(baseline, canonicalize({ ...value, seq: 104, result: { a: 1.7, b: 'x' } }), 100)).toBe(false);
    expect(matchesTextAt(baseline, canonicalize({ ...value, seq: 104, step: 8 }), 100)).toBe(false);
    expect(matchesTextAt(baseline, canonicalize({ ...value, seq: 105 }), 100)).toBe(false);
    expect(matchesTextAt(baseline, canonicalize({ ...value, seq: 1040 }), 100)).toBe(false);
    expect(matchesTextAt(baseline, `${canonicalize({ ...value, seq: 104 })} `, 100)).toBe(false);
  });

  it('cannot tell without a top-level seq', () => {
    const bare = { op: 'error', error: { code: 'X' } };
    const t = canonicalize(bare);
    expect(matchesTextAt(baselineFromText(bare, t, -1, -1), t, 3)).toBeUndefined();
  });
});
