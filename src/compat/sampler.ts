// Instances of a schema, generated with fast-check (seeded, so a run is reproducible) and biased
// to the edges that decide compatibility: bounds, every enum value, every union variant, optional
// properties present and absent, extra properties on open objects. Each choice point is recorded
// so a run can tell whether sampling reached every branch ("unproven" when it did not).
import fc from 'fast-check';
import { stableText as canonicalize } from './stable-text.js';
import { childOf, isObject, type Located, type RefResolver } from './refs.js';

type Schema = Record<string, unknown>;
type Arb = fc.Arbitrary<unknown>;

/** Branch keys a sampler can reach, and those the current draw did reach. */
export interface Coverage {
  readonly expected: Set<string>;
  readonly current: string[];
}

export interface SamplerOptions {
  readonly refs: RefResolver;
  readonly coverage: Coverage;
  /** Property names worth trying as extras on open objects (the other side's names). */
  readonly extraNames: readonly string[];
}

const MAX_DEPTH = 10;
const SAFE = 2 ** 53 - 1;

function tracked(arb: Arb, key: string, cov: Coverage): Arb {
  cov.expected.add(key);
  return arb.map((v) => {
    cov.current.push(key);
    return v;
  });
}

function choice(arbs: Arb[], keyOf: (i: number) => string, cov: Coverage): Arb {
  if (arbs.length === 0) return fc.constant(undefined);
  return fc.oneof(...arbs.map((a, i) => tracked(a, keyOf(i), cov)));
}

function num(schema: Schema, integer: boolean): Arb {
  const exLo = typeof schema.exclusiveMinimum === 'number';
  const exHi = typeof schema.exclusiveMaximum === 'number';
  const lo = typeof schema.minimum === 'number' ? schema.minimum : exLo ? (schema.exclusiveMinimum as number) : -SAFE;
  const hi = typeof schema.maximum === 'number' ? schema.maximum : exHi ? (schema.exclusiveMaximum as number) : SAFE;
  const min = Math.max(lo, -SAFE);
  const max = Math.min(hi, SAFE);
  const inside = (v: number): boolean => (exLo ? v > lo : v >= lo) && (exHi ? v < hi : v <= hi) && (!integer || Number.isInteger(v));
  // The edges decide bound changes: each bound itself, the closest value inside it, and a fraction.
  const near = [lo, hi, lo + 1, hi - 1, lo + 1e-9, hi - 1e-9, 0, 1, -1, 0.5, 1.5];
  const edges = near.filter(inside);
  const iMin = Math.ceil(exLo && Number.isInteger(min) ? min + 1 : min);
  const iMax = Math.floor(exHi && Number.isInteger(max) ? max - 1 : max);
  const ints = iMin <= iMax ? [fc.integer({ min: iMin, max: iMax })] : [];
  const core = integer ? ints : [fc.double({ min, max, minExcluded: exLo, maxExcluded: exHi, noNaN: true, noDefaultInfinity: true }), ...ints];
  const all = [...core, ...(edges.length > 0 ? [fc.constantFrom(...edges)] : [])];
  return all.length === 0 ? fc.constant(lo) : fc.oneof(...all);
}

function str(schema: Schema): Arb {
  const minLength = typeof schema.minLength === 'number' ? schema.minLength : 0;
  const maxLength = typeof schema.maxLength === 'number' ? Math.min(schema.maxLength, 300) : 40;
  if (typeof schema.pattern === 'string') {
    let re: RegExp;
    try {
      re = new RegExp(schema.pattern, 'u');
    } catch {
      return fc.string();
    }
    // No filter on the lengths: a filter that rarely passes spins forever; the source side's
    // validator drops the strings that miss a length bound instead.
    return fc.stringMatching(re);
  }
  return fc.oneof(fc.string({ minLength, maxLength }), fc.string({ minLength, maxLength, size: 'max' }), fc.string({ minLength: maxLength, maxLength }));
}

function arr(at: Located, schema: Schema, opts: SamplerOptions, depth: number): Arb {
  const item = schema.items === undefined ? fc.oneof(fc.integer(), fc.string()) : arbitraryFor(childOf(at, 'items'), opts, depth + 1);
  const minLength = typeof schema.minItems === 'number' ? schema.minItems : 0;
  const maxLength = typeof schema.maxItems === 'number' ? Math.min(schema.maxItems, 24) : Math.max(minLength, 4);
  // Deep arrays stay short: instance size multiplies with every nested array.
  const spread = depth >= 2 ? 1 : 3;
  const arbs = [fc.array(item, { minLength, maxLength: Math.min(maxLength, minLength + spread) })];
  // Full arrays only when small: a tightened maxItems shows on them, and big ones cost time.
  if (maxLength <= 8 && depth < 4) arbs.push(fc.array(item, { minLength: maxLength, maxLength }));
  return fc.oneof(...arbs);
}

function obj(at: Located, schema: Schema, opts: SamplerOptions, depth: number): Arb {
  const props = isObject(schema.properties) ? schema.properties : {};
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  const model: Record<string, Arb> = {};
  for (const name of Object.keys(props)) {
    const a = arbitraryFor(childOf(at, 'properties', name), opts, depth + 1);
    model[name] = required.has(name) ? a : tracked(a, `${at.file}#${at.pointer}/properties/${name}?`, opts.coverage);
  }
  const base = fc.record(model, { requiredKeys: [...required].filter((k) => k in props) });
  const open = schema.additionalProperties !== false && schema.patternProperties === undefined;
  const names = opts.extraNames.filter((n) => !(n in props));
  if (!open || names.length === 0) return base;
  const extraValue = isObject(schema.additionalProperties) ? arbitraryFor(childOf(at, 'additionalProperties'), opts, depth + 1) : fc.oneof(fc.integer(), fc.string(), fc.boolean(), fc.constant(null));
  const extras = fc.dictionary(fc.constantFrom(...names), extraValue, { maxKeys: 2 });
  return fc.tuple(base, extras).map(([b, e]) => ({ ...(e as object), ...(b as object) }));
}

function byType(at: Located, schema: Schema, type: string, opts: SamplerOptions, depth: number): Arb {
  switch (type) {
    case 'null': return fc.constant(null);
    case 'boolean': return fc.boolean();
    case 'integer': return num(schema, true);
    case 'number': return num(schema, false);
    case 'string': return str(schema);
    case 'array': return arr(at, schema, opts, depth);
    case 'object': return obj(at, schema, opts, depth);
    default: return fc.constant(null);
  }
}

/**
 * An arbitrary for the schema node at `at` (a `$ref` is followed). Arbitraries are built once
 * per location: shared $defs are referenced hundreds of times by the big contracts, and
 * building them per use is exponential. A location met again while it is being built (a
 * recursive schema) ends in null, which the validator then refuses.
 */
export function arbitraryFor(start: Located, opts: SamplerOptions, depth = 0): Arb {
  const at = opts.refs.resolve(start);
  const memo = memoOf(opts);
  const key = `${at.file}#${at.pointer}`;
  const known = memo.get(key);
  if (known !== undefined) return known ?? fc.constant(null);
  memo.set(key, null);
  const built = build(at, opts, depth);
  memo.set(key, built);
  return built;
}

const MEMOS = new WeakMap<SamplerOptions, Map<string, Arb | null>>();

function memoOf(opts: SamplerOptions): Map<string, Arb | null> {
  let memo = MEMOS.get(opts);
  if (memo === undefined) MEMOS.set(opts, (memo = new Map()));
  return memo;
}

function build(at: Located, opts: SamplerOptions, depth: number): Arb {
  if (!isObject(at.node) || depth > MAX_DEPTH) return at.node === false ? fc.constant(undefined) : fc.oneof(fc.constant(null), fc.integer(), fc.string());
  const schema = at.node;
  const here = `${at.file}#${at.pointer}`;
  if ('const' in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return choice(schema.enum.map((v) => fc.constant(v)), (i) => `${here}=${canonicalize((schema.enum as unknown[])[i])}`, opts.coverage);
  const union = Array.isArray(schema.oneOf) ? 'oneOf' : Array.isArray(schema.anyOf) ? 'anyOf' : undefined;
  if (union !== undefined) {
    const list = schema[union] as unknown[];
    return choice(list.map((_, i) => arbitraryFor(childOf(at, union, i), opts, depth + 1)), (i) => `${here}/${union}/${i}`, opts.coverage);
  }
  const types = typeof schema.type === 'string' ? [schema.type] : Array.isArray(schema.type) ? (schema.type as string[]) : undefined;
  if (types === undefined) {
    if (isObject(schema.properties) || schema.required !== undefined) return obj(at, schema, opts, depth);
    return fc.oneof(fc.constant(null), fc.boolean(), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.string());
  }
  if (types.length === 1) return byType(at, schema, types[0]!, opts, depth);
  return choice(types.map((t) => byType(at, schema, t, opts, depth)), (i) => `${here}:${types[i]}`, opts.coverage);
}

/** Every property name in a set's schemas (extras for open objects of the other side). */
export function propertyNames(schemas: Iterable<unknown>): string[] {
  const names = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (isObject(node)) {
      if (isObject(node.properties)) for (const k of Object.keys(node.properties)) names.add(k);
      Object.values(node).forEach(walk);
    }
  };
  for (const s of schemas) walk(s);
  return [...names].sort();
}
