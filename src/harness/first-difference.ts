import { canonicalize } from '../canonical/index.js';

/** The first place two JSON values differ, in canonical (sorted key) order. */
export interface Difference {
  /** RFC 6901 pointer of the first differing value. */
  readonly pointer: string;
  /** The value on the expected side; `undefined` when absent there. */
  readonly expected: unknown;
  /** The value on the actual side; `undefined` when absent there. */
  readonly actual: unknown;
}

function escapeToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** Key order of RFC 8785: UTF-16 code units, which is what the default sort compares. */
function sortedKeys(a: object, b: object): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
}

/**
 * Walks both values depth-first, object keys in sorted order and array items by
 * index, and returns the first leaf (or container shape) that differs; scalars
 * compare by their canonical text, so `-0` and `0` are the same number.
 */
export function firstDifference(expected: unknown, actual: unknown, pointer = ''): Difference | undefined {
  if (expected === undefined && actual === undefined) return undefined;
  const kind = kindOf(expected);
  if (kind !== kindOf(actual)) return { pointer, expected, actual };
  if (kind === 'array') {
    const left = expected as unknown[];
    const right = actual as unknown[];
    const shared = Math.min(left.length, right.length);
    for (let index = 0; index < shared; index += 1) {
      const found = firstDifference(left[index], right[index], `${pointer}/${index}`);
      if (found) return found;
    }
    if (left.length === right.length) return undefined;
    return { pointer: `${pointer}/${shared}`, expected: left[shared], actual: right[shared] };
  }
  if (kind === 'object') {
    const left = expected as Record<string, unknown>;
    const right = actual as Record<string, unknown>;
    for (const key of sortedKeys(left, right)) {
      const here = `${pointer}/${escapeToken(key)}`;
      const inLeft = Object.hasOwn(left, key);
      const inRight = Object.hasOwn(right, key);
      if (!inLeft || !inRight) return { pointer: here, expected: left[key], actual: right[key] };
      const found = firstDifference(left[key], right[key], here);
      if (found) return found;
    }
    return undefined;
  }
  return canonicalize(expected) === canonicalize(actual) ? undefined : { pointer, expected, actual };
}

/** A value as a person reads it in a report: canonical JSON, or `(absent)`. */
export function renderValue(value: unknown): string {
  if (value === undefined) return '(absent)';
  try {
    return canonicalize(value);
  } catch {
    return String(value);
  }
}
