import { describe, expect, it } from 'vitest';
import { firstDifference, renderValue } from '../../src/harness/first-difference.js';

describe('firstDifference', () => {
  it('finds nothing in equal values, whatever the key order', () => {
    expect(firstDifference({ b: [1, { c: 'x' }], a: null }, { a: null, b: [1, { c: 'x' }] })).toBeUndefined();
  });

  it('walks object keys in sorted order, so the first difference is the same for any key order', () => {
    const expected = { z: 1, a: { m: 2, b: 3 } };
    const actual = { a: { b: 4, m: 5 }, z: 6 };
    expect(firstDifference(expected, actual)).toEqual({ pointer: '/a/b', expected: 3, actual: 4 });
  });

  it('names a missing key and a missing array item', () => {
    expect(firstDifference({ a: 1, b: 2 }, { a: 1 })).toEqual({ pointer: '/b', expected: 2, actual: undefined });
    expect(firstDifference([1, 2], [1, 2, 3])).toEqual({ pointer: '/2', expected: undefined, actual: 3 });
  });

  it('reports a change of type at the value, and escapes pointer tokens', () => {
    expect(firstDifference({ 'a/b~c': [1] }, { 'a/b~c': { 0: 1 } })).toMatchObject({ pointer: '/a~1b~0c' });
  });

  it('compares numbers by their canonical text', () => {
    expect(firstDifference({ x: -0 }, { x: 0 })).toBeUndefined();
    expect(firstDifference({ x: 0.1 + 0.2 }, { x: 0.3 })).toEqual({ pointer: '/x', expected: 0.30000000000000004, actual: 0.3 });
  });

  it('renders values canonically, and absence as (absent)', () => {
    expect(renderValue({ b: 1, a: 'x' })).toBe('{"a":"x","b":1}');
    expect(renderValue(undefined)).toBe('(absent)');
  });
});
