/** canonicalize: refusals of values that JSON text cannot even express, and properties over generated values. */
import canonicalizePackage from 'canonicalize';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { CanonicalJsonError, JSON_DEPTH_MAX, canonicalize, type CanonicalJsonErrorCode } from '../../src/canonical/index.js';

function refusal(value: unknown): CanonicalJsonError {
  try {
    canonicalize(value);
  } catch (error) {
    if (error instanceof CanonicalJsonError) return error;
    throw error;
  }
  throw new Error(`canonicalize accepted ${String(value)}`);
}

function nested(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = { d: value };
  return value;
}

class Point {
  constructor(readonly x: number) {}
}

const refused: Array<[string, () => unknown, CanonicalJsonErrorCode, string]> = [
  ['NaN', () => ({ a: [1, { b: Number.NaN }] }), 'NAN', '/a/1/b'],
  ['Infinity', () => [Infinity], 'INFINITY', '/0'],
  ['-Infinity at the root', () => -Infinity, 'INFINITY', ''],
  ['a lone high surrogate in a string', () => ({ s: 'a\ud800' }), 'LONE_SURROGATE', '/s'],
  ['a lone low surrogate in a string', () => ['\udc00b'], 'LONE_SURROGATE', '/0'],
  ['a reversed surrogate pair', () => ['\ude00\ud83d'], 'LONE_SURROGATE', '/0'],
  ['a lone surrogate in a key', () => ({ ok: 1, ['k\udfff']: 2 }), 'LONE_SURROGATE', '/k\udfff'],
  ['2^53', () => ({ n: 2 ** 53 }), 'UNSAFE_INTEGER', '/n'],
  ['-(2^53)', () => [-(2 ** 53)], 'UNSAFE_INTEGER', '/0'],
  ['1e20', () => [1e20], 'UNSAFE_INTEGER', '/0'],
  ['an undefined property', () => ({ a: 1, b: undefined }), 'UNDEFINED', '/b'],
  ['undefined in an array', () => [1, undefined], 'UNDEFINED', '/1'],
  ['an array hole', () => [1, , 3], 'UNDEFINED', '/1'], // eslint-disable-line no-sparse-arrays
  ['undefined at the root', () => undefined, 'UNDEFINED', ''],
  ['a function', () => ({ f: () => 1 }), 'FUNCTION', '/f'],
  ['an own toJSON (never invoked)', () => ({ toJSON: () => 'hidden' }), 'FUNCTION', '/toJSON'],
  ['a bigint', () => ({ big: 10n }), 'BIGINT', '/big'],
  ['a symbol value', () => [Symbol('s')], 'SYMBOL', '/0'],
  ['a symbol key', () => ({ a: 1, [Symbol('hidden')]: 2 }), 'SYMBOL_KEY', ''],
  ['a Date (its toJSON is not invoked)', () => ({ at: new Date(0) }), 'NOT_PLAIN_OBJECT', '/at'],
  ['a Map', () => ({ m: new Map() }), 'NOT_PLAIN_OBJECT', '/m'],
  ['a class instance', () => [new Point(1)], 'NOT_PLAIN_OBJECT', '/0'],
  ['a boxed number', () => ({ n: Object(1) as unknown }), 'NOT_PLAIN_OBJECT', '/n'],
  ['a typed array', () => ({ bytes: new Uint8Array(2) }), 'NOT_PLAIN_OBJECT', '/bytes'],
  ['nesting one past the limit', () => nested(JSON_DEPTH_MAX + 1), 'DEPTH_LIMIT_EXCEEDED', '/d'.repeat(JSON_DEPTH_MAX)],
];

describe('canonicalize refuses what has no canonical form, naming the path', () => {
  it.each(refused)('%s', (_name, make, code, path) => {
    const error = refusal(make());
    expect(error.code).toBe(code);
    expect(error.path).toBe(path);
    expect(error.message).toContain(`(${code})`);
    expect(error.message).toContain(`at pointer ${JSON.stringify(path)}`);
  });

  it('names the offending value', () => {
    expect(refusal({ n: 2 ** 53 }).value).toBe(2 ** 53);
    expect(refusal({ n: 2 ** 53 }).message).toContain('9007199254740992');
    expect(refusal({ at: new Date(0) }).message).toContain('Date');
    expect(refusal({ s: 'a\ud800' }).message).toContain('"a\\ud800"');
  });

  it('never invokes toJSON, own or inherited', () => {
    const own = vi.fn(() => 'own');
    const date = new Date(0);
    const inherited = vi.spyOn(date, 'toJSON');
    expect(refusal({ a: { toJSON: own } }).code).toBe('FUNCTION');
    expect(refusal({ a: date }).code).toBe('NOT_PLAIN_OBJECT');
    expect(own).not.toHaveBeenCalled();
    expect(inherited).not.toHaveBeenCalled();
  });

  it('escapes "~" and "/" in the pointer (RFC 6901)', () => {
    expect(refusal({ 'a/b': { 'c~d': Number.NaN } }).path).toBe('/a~1b/c~0d');
  });

  it('reports a cycle where it closes, not as mere depth', () => {
    const root: Record<string, unknown> = { a: { b: {} } };
    (root.a as { b: Record<string, unknown> }).b.back = root.a;
    const error = refusal(root);
    expect(error.code).toBe('CYCLE');
    expect(error.path).toBe('/a/b/back');
    const selfArray: unknown[] = [];
    selfArray.push(selfArray);
    expect(refusal(selfArray)).toMatchObject({ code: 'CYCLE', path: '/0' });
  });

  it('accepts the same object twice when it is not its own ancestor', () => {
    const shared = { x: 1 };
    expect(canonicalize({ b: shared, a: [shared, shared] })).toBe('{"a":[{"x":1},{"x":1}],"b":{"x":1}}');
  });
});

describe('canonicalize accepts', () => {
  it('nesting exactly at the limit', () => {
    expect(canonicalize(nested(JSON_DEPTH_MAX))).toBe(`${'{"d":'.repeat(JSON_DEPTH_MAX)}1${'}'.repeat(JSON_DEPTH_MAX)}`);
  });

  it('null-prototype objects as plain objects', () => {
    const bare = Object.create(null) as Record<string, unknown>;
    bare.b = 1;
    bare.a = 2;
    expect(canonicalize(bare)).toBe('{"a":2,"b":1}');
  });

  it('the safe-integer bounds and the exponent-form integers beyond them', () => {
    expect(canonicalize([Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 1e21, -1e21, Number.MAX_VALUE])).toBe(
      '[9007199254740991,-9007199254740991,1e+21,-1e+21,1.7976931348623157e+308]',
    );
  });

  it('integer-like keys in code-unit order, although JS objects enumerate them numerically', () => {
    expect(canonicalize({ 2: 'b', 10: 'a', 1: 'c', x: 0 })).toBe('{"1":"c","10":"a","2":"b","x":0}');
  });

  it('large objects (the sort falls back to Array#sort) in the same order', () => {
    const keys = Array.from({ length: 200 }, (_, i) => `k${(i * 7919) % 200}\u{1F600}${i % 3 === 0 ? '\uFB33' : ''}`);
    const object = Object.fromEntries(keys.map((k, i) => [k, i]));
    expect(canonicalize(object)).toBe(canonicalizePackage(object));
  });
});

/** JSON values whose numbers all have a canonical form (no integer digits beyond 2^53-1). */
const canonicalizable = fc.jsonValue({ maxDepth: 6, stringUnit: 'binary' }).filter((value) => numbersAreCanonical(value));

function numbersAreCanonical(value: unknown): boolean {
  if (typeof value === 'number') return Math.abs(value) <= Number.MAX_SAFE_INTEGER || Math.abs(value) >= 1e21;
  if (typeof value !== 'object' || value === null) return true;
  return Object.values(value).every(numbersAreCanonical);
}

describe('canonicalize on generated JSON values', () => {
  it('agrees byte for byte with the npm canonicalize package', () => {
    fc.assert(
      fc.property(canonicalizable, (value) => {
        expect(canonicalize(value)).toBe(canonicalizePackage(value));
      }),
    );
  });

  it('round-trips through JSON.parse to an equal value (up to -0) and is idempotent', () => {
    fc.assert(
      fc.property(canonicalizable, (value) => {
        const text = canonicalize(value);
        const back = JSON.parse(text) as unknown;
        expect(back).toEqual(JSON.parse(JSON.stringify(value)));
        expect(canonicalize(back)).toBe(text);
      }),
    );
  });

  it('does not depend on the insertion order of keys', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ unit: 'binary' }), fc.integer()), (object) => {
        const reversed = Object.fromEntries(Object.entries(object).reverse());
        expect(canonicalize(reversed)).toBe(canonicalize(object));
      }),
    );
  });

  it('refuses every string holding a lone surrogate, and only those', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.integer({ min: 0xd7f0, max: 0xe010 }).map((u) => String.fromCharCode(u)) }), (text) => {
        const wellFormed = (text as unknown as { isWellFormed(): boolean }).isWellFormed();
        if (wellFormed) expect(canonicalize(text)).toBe(JSON.stringify(text));
        else expect(() => canonicalize(text)).toThrow(CanonicalJsonError);
      }),
    );
  });
});
