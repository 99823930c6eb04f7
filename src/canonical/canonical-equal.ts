import { canonicalize } from './canonicalize.js';
import { JSON_DEPTH_MAX } from './limits.js';

/** Below this magnitude an integer beyond 2^53 - 1 is refused by `canonicalize` (digit form). */
const EXPONENT_FORM_FROM = 1e21;

/**
 * No lone surrogate (ES2024 `isWellFormed`, native since Node 20): `canonicalize` writes such a
 * string one way and refuses only lone surrogates, so two equal well-formed strings are
 * written alike. Native, and immediate for one-byte strings: a regex test per string and key
 * was a sixth of the walk's time.
 */
function wellFormed(text: string): boolean {
  return (text as unknown as { isWellFormed(): boolean }).isWellFormed();
}

/**
 * `canonicalize(a) === canonicalize(b)`, with the same outcome in every case (a value
 * `canonicalize` refuses still throws its error), but without writing the two texts when a
 * structural walk can already tell they are the same. The invariant checker compares states
 * this way after every step of every fuzzed scenario.
 *
 * The walk answers "same" only for values made of what `canonicalize` accepts and writes one
 * way: finite numbers in its safe range compared with `===` (so 0 and -0, both written "0",
 * are the same), strings without lone surrogates, booleans, null, arrays, and plain objects without
 * symbol keys whose key sets and members are the same, within the depth limit. Anything
 * else (a difference, or a value it would refuse) falls back to comparing the two texts.
 */
export function canonicallyEqual(a: unknown, b: unknown): boolean {
  return sameJson(a, b, 0) || canonicalize(a) === canonicalize(b);
}

function sameJson(a: unknown, b: unknown, depth: number): boolean {
  switch (typeof a) {
    case 'string':
      return a === b && wellFormed(a);
    case 'number':
      return a === b && Number.isFinite(a) && (Math.abs(a) <= Number.MAX_SAFE_INTEGER || Math.abs(a) >= EXPONENT_FORM_FROM);
    case 'boolean':
      return a === b;
    case 'object':
      if (a === null) return b === null;
      if (typeof b !== 'object' || b === null || depth + 1 > JSON_DEPTH_MAX) return false;
      if (Array.isArray(a)) return Array.isArray(b) && sameArray(a, b, depth + 1);
      return !Array.isArray(b) && sameObject(a, b, depth + 1);
    default:
      return false;
  }
}

function sameArray(a: readonly unknown[], b: readonly unknown[], depth: number): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i], depth)) return false;
  return true;
}

function plain(o: object): boolean {
  const proto: unknown = Object.getPrototypeOf(o);
  return (proto === Object.prototype || proto === null) && Object.getOwnPropertySymbols(o).length === 0;
}

function sameObject(a: object, b: object, depth: number): boolean {
  if (!plain(a) || !plain(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) {
    if (!Object.hasOwn(b, key) || !wellFormed(key)) return false;
    if (!sameJson((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], depth)) return false;
  }
  return true;
}
