import { describeValue } from './describe-value.js';
import { jsonPointer, type PathSegment } from './json-pointer.js';

/** Why a value has no canonical JSON form (RFC 8785 plus this project's stricter rules). */
export const canonicalJsonErrorCodes = [
  /** `NaN`: not a JSON number (RFC 8785 section 3.2.2.3). */
  'NAN',
  /** `Infinity` / `-Infinity`: not a JSON number. */
  'INFINITY',
  /**
   * An integer-valued number with magnitude beyond 2^53-1 that would be written as a plain
   * digit string (below 1e21): no binary64 reader can read it back exactly and an integer
   * reader (a Rust `u64`) would take a different value. From 1e21 up, ECMAScript writes the
   * exponent form (`1e+21`), which reads unambiguously as binary64, so those are accepted.
   */
  'UNSAFE_INTEGER',
  /** A string or key holding an unpaired UTF-16 surrogate (not representable in UTF-8). */
  'LONE_SURROGATE',
  /** `undefined` (or an array hole): JSON has no such value; it is refused, never dropped or turned into `null`. */
  'UNDEFINED',
  /** A function: not data. (An own `toJSON` function property lands here: it is never invoked.) */
  'FUNCTION',
  /** A bigint: refused rather than guessed at (number? string?). */
  'BIGINT',
  /** A symbol value. */
  'SYMBOL',
  /** A symbol-keyed own property: invisible to JSON, so refused rather than silently dropped. */
  'SYMBOL_KEY',
  /**
   * An object that is neither a plain object (prototype `Object.prototype` or `null`) nor an
   * array: `Date`, `Map`, class instances, boxed primitives. Their `toJSON` is not invoked:
   * convert explicitly before canonicalising.
   */
  'NOT_PLAIN_OBJECT',
  /** An object that contains itself. */
  'CYCLE',
  /** Nesting deeper than `JSON_DEPTH_MAX`. */
  'DEPTH_LIMIT_EXCEEDED',
] as const;

export type CanonicalJsonErrorCode = (typeof canonicalJsonErrorCodes)[number];

const reasons: Record<CanonicalJsonErrorCode, string> = {
  NAN: 'NaN is not a JSON number',
  INFINITY: 'an infinite number is not a JSON number',
  UNSAFE_INTEGER: 'an integer beyond 2^53-1 cannot be read back exactly',
  LONE_SURROGATE: 'a string holding a lone UTF-16 surrogate is not valid Unicode',
  UNDEFINED: 'undefined is not a JSON value',
  FUNCTION: 'a function is not a JSON value',
  BIGINT: 'a bigint is not a JSON value (convert it to a number or a string first)',
  SYMBOL: 'a symbol is not a JSON value',
  SYMBOL_KEY: 'a symbol-keyed property is not JSON data',
  NOT_PLAIN_OBJECT: 'only plain objects and arrays are JSON containers (toJSON is never invoked; convert first)',
  CYCLE: 'the value contains itself',
  DEPTH_LIMIT_EXCEEDED: 'nesting is deeper than the limit',
};

/**
 * Thrown by `canonicalize` for a value that has no canonical JSON form. `path` is the JSON
 * pointer of the offending value (for a key: of the property holding it), `value` the value
 * itself; the message ends with both.
 */
export class CanonicalJsonError extends Error {
  override readonly name = 'CanonicalJsonError';
  readonly code: CanonicalJsonErrorCode;
  /** JSON pointer (RFC 6901) of the offending value, `""` for the root. */
  readonly path: string;
  readonly value: unknown;

  constructor(code: CanonicalJsonErrorCode, path: readonly PathSegment[], value: unknown, detail?: string) {
    const pointer = jsonPointer(path);
    // JSON.stringify keeps the message well-formed even when a key holds a lone surrogate.
    super(`cannot canonicalize: ${detail ?? reasons[code]} (${code}): ${describeValue(value)} at pointer ${JSON.stringify(pointer)}`);
    this.code = code;
    this.path = pointer;
    this.value = value;
  }
}
