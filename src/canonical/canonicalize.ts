import { CanonicalJsonError, type CanonicalJsonErrorCode } from './canonical-json-error.js';
import type { PathSegment } from './json-pointer.js';
import { JSON_DEPTH_MAX } from './limits.js';
import { quoteString } from './quote-string.js';
import { sortKeys } from './sort-keys.js';

/** Below this magnitude ECMAScript writes an integer as a plain digit string (RFC 8785 3.2.2.3). */
const EXPONENT_FORM_FROM = 1e21;

/** Per call: the root (to tell a cycle from deep nesting) and the current path (for errors). */
interface Walk {
  readonly root: unknown;
  readonly path: PathSegment[];
}

/**
 * The RFC 8785 (JCS) canonical JSON text of `value`: object keys sorted by UTF-16 code units,
 * no whitespace, numbers in ECMAScript's shortest round-trip form (`-0` -> `0`, `1e+21`),
 * strings escaped as `JSON.stringify` does (which is what the RFC prescribes).
 *
 * Stricter than the RFC and than `JSON.stringify`, because nothing is ever silently coerced:
 * NaN, infinities, lone surrogates (in strings and keys), integers beyond 2^53-1 written as
 * digit strings, `undefined` (in objects and arrays), functions, bigints, symbols,
 * symbol-keyed properties, non-plain objects (`Date`, `Map`, class instances: `toJSON` is
 * never invoked), cycles and nesting deeper than `JSON_DEPTH_MAX` all throw a
 * `CanonicalJsonError` naming the JSON pointer and the value.
 *
 * One pass that checks as it writes. The npm package `canonicalize` (4.x) produces the same
 * bytes for every value accepted here, and the tests hold the two together (golden corpus and
 * generated values), but it invokes `toJSON`, drops or nulls `undefined` and names no path;
 * putting a checking walk in front of it measured about 3x slower than this single pass
 * (`pnpm bench --only canonical`), so the package serves as the reference the tests compare to.
 */
export function canonicalize(value: unknown): string {
  return write(value, 0, { root: value, path: [] });
}

function write(value: unknown, depth: number, walk: Walk): string {
  switch (typeof value) {
    case 'string':
      return quoteString(value) ?? fail('LONE_SURROGATE', walk, value);
    case 'number':
      return writeNumber(value, walk);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      if (value === null) return 'null';
      return Array.isArray(value) ? writeArray(value, depth + 1, walk) : writeObject(value, depth + 1, walk);
    case 'undefined':
      return fail('UNDEFINED', walk, value);
    case 'function':
      return fail('FUNCTION', walk, value);
    case 'bigint':
      return fail('BIGINT', walk, value);
    case 'symbol':
      return fail('SYMBOL', walk, value);
  }
  return fail('NOT_PLAIN_OBJECT', walk, value);
}

function writeNumber(value: number, walk: Walk): string {
  if (value !== value) fail('NAN', walk, value);
  if (value === Infinity || value === -Infinity) fail('INFINITY', walk, value);
  if ((value > Number.MAX_SAFE_INTEGER || value < -Number.MAX_SAFE_INTEGER) && value < EXPONENT_FORM_FROM && value > -EXPONENT_FORM_FROM) {
    fail('UNSAFE_INTEGER', walk, value);
  }
  // Number#toString is the ECMAScript serialisation RFC 8785 adopts; it writes -0 as "0".
  return String(value);
}

function writeArray(array: readonly unknown[], depth: number, walk: Walk): string {
  if (depth > JSON_DEPTH_MAX) depthOrCycle(walk);
  const { path } = walk;
  let out = '[';
  for (let i = 0; i < array.length; i++) {
    path.push(i);
    // A hole reads as undefined and is refused like an explicit undefined.
    out += i === 0 ? write(array[i], depth, walk) : `,${write(array[i], depth, walk)}`;
    path.pop();
  }
  return `${out}]`;
}

function writeObject(object: object, depth: number, walk: Walk): string {
  const proto: unknown = Object.getPrototypeOf(object);
  if (proto !== Object.prototype && proto !== null) fail('NOT_PLAIN_OBJECT', walk, object);
  if (depth > JSON_DEPTH_MAX) depthOrCycle(walk);
  const symbols = Object.getOwnPropertySymbols(object);
  if (symbols.length !== 0) refuseSymbolKeys(object, symbols, walk);
  const keys = sortKeys(Object.keys(object));
  const { path } = walk;
  let out = '{';
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    path.push(key);
    const quoted = quoteString(key) ?? fail('LONE_SURROGATE', walk, key, 'a key holding a lone UTF-16 surrogate is not valid Unicode');
    const member = `${quoted}:${write((object as Record<string, unknown>)[key], depth, walk)}`;
    out += i === 0 ? member : `,${member}`;
    path.pop();
  }
  return `${out}}`;
}

function refuseSymbolKeys(object: object, symbols: symbol[], walk: Walk): void {
  const visible = symbols.find((symbol) => Object.prototype.propertyIsEnumerable.call(object, symbol));
  if (visible !== undefined) fail('SYMBOL_KEY', walk, visible);
}

/**
 * Nesting went past the limit: either a cycle (report where it closes: the shallowest path at
 * which an object re-appears among its own ancestors) or honest depth. Only runs on failure,
 * so the happy path keeps no set of visited objects.
 */
function depthOrCycle(walk: Walk): never {
  const chain: unknown[] = [walk.root];
  let node: unknown = walk.root;
  for (let i = 0; i < walk.path.length; i++) {
    node = (node as Record<PathSegment, unknown>)[walk.path[i] as PathSegment];
    if (chain.includes(node)) {
      throw new CanonicalJsonError('CYCLE', walk.path.slice(0, i + 1), node);
    }
    chain.push(node);
  }
  return fail('DEPTH_LIMIT_EXCEEDED', walk, node, `nesting is deeper than JSON_DEPTH_MAX = ${JSON_DEPTH_MAX}`);
}

function fail(code: CanonicalJsonErrorCode, walk: Walk, value: unknown, detail?: string): never {
  throw new CanonicalJsonError(code, walk.path, value, detail);
}
