/** parseJson: the strict parser for fixtures and journals, held to JSON.parse where both accept. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JSON_DEPTH_MAX, JsonParseError, parseJson, type JsonParseErrorCode } from '../../src/canonical/index.js';

function refusal(text: string): JsonParseError {
  try {
    parseJson(text);
  } catch (error) {
    if (error instanceof JsonParseError) return error;
    throw error;
  }
  throw new Error(`parseJson accepted ${JSON.stringify(text)}`);
}

describe('parseJson agrees with JSON.parse on valid JSON', () => {
  it('on generated values, compact and pretty-printed', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8, stringUnit: 'binary' }).filter(hasNoUnsafeInteger), fc.boolean(), (value, pretty) => {
        const text = pretty ? JSON.stringify(value, null, '\t') : JSON.stringify(value);
        expect(parseJson(text)).toStrictEqual(JSON.parse(text));
      }),
    );
  });

  it('on every escape, including escaped surrogate pairs', () => {
    const text = '["\\"\\\\\\/\\b\\f\\n\\r\\t", "\\u0041\\u00e9\\uD83D\\uDE00\\u2028", "plain", ""]';
    expect(parseJson(text)).toStrictEqual(JSON.parse(text));
  });

  it('keeps -0, underflows to 0 and accepts the safe-integer bounds', () => {
    expect(Object.is(parseJson('-0'), -0)).toBe(true);
    expect(parseJson('[1e-400, -9007199254740991, 9007199254740991, 9007199254740992.5, 1e21]')).toStrictEqual([
      0, -9007199254740991, 9007199254740991, 9007199254740992.5, 1e21,
    ]);
  });

  it('makes __proto__ an own property, as JSON.parse does, without touching the prototype', () => {
    const value = parseJson('{"__proto__": {"polluted": true}, "a": 1}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(['__proto__', 'a']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(value).toStrictEqual(JSON.parse('{"__proto__": {"polluted": true}, "a": 1}'));
  });

  it('accepts nesting at the limit (arrays and objects alike)', () => {
    expect(() => parseJson('[{"a":'.repeat(JSON_DEPTH_MAX / 2) + '1' + '}]'.repeat(JSON_DEPTH_MAX / 2))).not.toThrow();
  });
});

/** JSON.stringify writes integers in [2^53, 1e21) as digit strings, which parseJson refuses. */
function hasNoUnsafeInteger(value: unknown): boolean {
  if (typeof value === 'number') return Math.abs(value) <= Number.MAX_SAFE_INTEGER || Math.abs(value) >= 1e21;
  if (typeof value !== 'object' || value === null) return true;
  return Object.values(value).every(hasNoUnsafeInteger);
}

const refused: Array<[string, string, JsonParseErrorCode, number, number, string]> = [
  ['a duplicate key on line 2', '{"a": 1,\n "b": {"x": 1, "x": 2}}', 'DUPLICATE_KEY', 2, 16, '/b/x'],
  ['a duplicate __proto__ key', '{"__proto__": 1, "__proto__": 2}', 'DUPLICATE_KEY', 1, 18, '/__proto__'],
  ['a lone surrogate escape', '{"k": ["\\uDBFF"]}', 'LONE_SURROGATE', 1, 9, '/k/0'],
  ['a raw lone surrogate', '["\ud800"]', 'LONE_SURROGATE', 1, 3, '/0'],
  ['a low surrogate escape first', '"\\uDE00\\uD83D"', 'LONE_SURROGATE', 1, 2, ''],
  ['1e400', '[1, 1e400]', 'NUMBER_OUT_OF_RANGE', 1, 5, '/1'],
  ['an unsafe integer literal', '{"seq": -9007199254740992}', 'UNSAFE_INTEGER', 1, 9, '/seq'],
  ['objects nested past the limit', '{"a":'.repeat(JSON_DEPTH_MAX + 1) + '1' + '}'.repeat(JSON_DEPTH_MAX + 1), 'DEPTH_LIMIT_EXCEEDED', 1, 5 * JSON_DEPTH_MAX + 1, '/a'.repeat(JSON_DEPTH_MAX)],
  ['a column after an astral character counts code points', '"\u{1F600}" x', 'SYNTAX', 1, 5, ''],
  ['an unexpected end', '{"a": [1, 2', 'SYNTAX', 1, 12, '/a'],
  ['a missing colon', '{"a" 1}', 'SYNTAX', 1, 6, ''],
  ['a bare key', '{a: 1}', 'SYNTAX', 1, 2, ''],
  ['a digitless fraction', '[1.]', 'SYNTAX', 1, 4, '/0'],
  ['a digitless exponent', '[1e+]', 'SYNTAX', 1, 5, '/0'],
  ['a lone minus', '-', 'SYNTAX', 1, 2, ''],
  ['a plus sign', '+1', 'SYNTAX', 1, 1, ''],
  ['a truncated literal', '[tru]', 'SYNTAX', 1, 2, '/0'],
  ['a short \\u escape', '"\\u12"', 'SYNTAX', 1, 2, ''],
  ['a raw newline in a string', '"a\nb"', 'SYNTAX', 1, 3, ''],
  ['CRLF lines: the error is on line 3', '{\r\n"a": 1,\r\n"a": 2}', 'DUPLICATE_KEY', 3, 1, '/a'],
];

describe('parseJson refuses, naming line, column and pointer', () => {
  it.each(refused)('%s', (_name, text, code, line, column, pointer) => {
    const error = refusal(text);
    expect({ code: error.code, line: error.line, column: error.column, pointer: error.pointer }).toEqual({ code, line, column, pointer });
    expect(error.message).toContain(`(${code}) at line ${line}, column ${column}, pointer ${JSON.stringify(pointer)}`);
  });

  it('never hangs or throws anything but JsonParseError on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('{', '}', '[', ']', '"', '\\', 'u', 'd', '8', '0', ':', ',', '1', 'e', '-', '.', ' ', 'a', '\ud800', 't') }), (text) => {
        let lax: unknown;
        let laxOk = true;
        try {
          lax = JSON.parse(text);
        } catch {
          laxOk = false;
        }
        try {
          const strict = parseJson(text);
          // Whatever the strict parser accepts, JSON.parse accepts with the same value.
          expect(laxOk).toBe(true);
          expect(strict).toStrictEqual(lax);
        } catch (error) {
          expect(error).toBeInstanceOf(JsonParseError);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
