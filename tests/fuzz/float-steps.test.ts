import { describe, expect, it } from 'vitest';
import { nextDown, nextUp, ulpsAway } from '../../src/fuzz/float-steps.js';

describe('float steps', () => {
  it('moves one representable value at a time, across zero and the subnormals', () => {
    expect(nextUp(1)).toBe(1 + Number.EPSILON);
    expect(nextDown(1)).toBe(1 - Number.EPSILON / 2);
    expect(nextUp(0)).toBe(Number.MIN_VALUE);
    expect(nextDown(0)).toBe(-Number.MIN_VALUE);
    expect(nextDown(Number.MIN_VALUE)).toBe(0);
    expect(nextUp(-1)).toBe(-1 + Number.EPSILON / 2);
    expect(nextUp(0.27)).toBe(0.27000000000000007);
    expect(nextDown(0.27)).toBe(0.26999999999999996);
    expect(nextUp(Number.MAX_VALUE)).toBe(Infinity);
    expect(ulpsAway(1, 2)).toBe(nextUp(nextUp(1)));
    expect(ulpsAway(1, -1)).toBe(nextDown(1));
  });
});
