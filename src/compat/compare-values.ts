// Scalar constraints: JSON types (integer and number kept apart), enums and consts as value
// sets, numeric bounds, string lengths and patterns, array sizes.
import { stableText as canonicalize } from './stable-text.js';
import { emit, type DiffContext } from './diff-context.js';
import type { Located } from './refs.js';

type Schema = Record<string, unknown>;
const ALL_TYPES = ['null', 'boolean', 'object', 'array', 'string', 'number', 'integer'];

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** The JSON types a schema admits; inferred from const/enum when `type` is absent. */
export function typesOf(schema: Schema): Set<string> {
  if (typeof schema.type === 'string') return new Set([schema.type]);
  if (Array.isArray(schema.type)) return new Set(schema.type as string[]);
  if ('const' in schema) return new Set([jsonType(schema.const)]);
  if (Array.isArray(schema.enum)) return new Set(schema.enum.map(jsonType));
  return new Set(ALL_TYPES);
}

function admits(types: Set<string>, type: string): boolean {
  return types.has(type) || (type === 'integer' && types.has('number'));
}

export function compareTypes(ctx: DiffContext, o: Located, n: Located, path: string): void {
  const oldTypes = typesOf(o.node as Schema);
  const newTypes = typesOf(n.node as Schema);
  const lost = [...oldTypes].filter((t) => !admits(newTypes, t));
  const gained = [...newTypes].filter((t) => !admits(oldTypes, t));
  if (lost.includes('number') && newTypes.has('integer')) emit(ctx, 'NUMBER_TO_INTEGER', o, n, path, 'type number became integer');
  const narrowed = lost.filter((t) => !(t === 'number' && newTypes.has('integer')));
  if (narrowed.length > 0) emit(ctx, 'TYPE_NARROWED', o, n, path, `type no longer admits ${narrowed.join(', ')}`);
  if (gained.includes('number') && oldTypes.has('integer')) emit(ctx, 'INTEGER_TO_NUMBER', o, n, path, 'type integer became number');
  const widened = gained.filter((t) => !(t === 'number' && oldTypes.has('integer')));
  if (widened.length > 0) emit(ctx, 'TYPE_WIDENED', o, n, path, `type now admits ${widened.join(', ')}`);
}

function valueSet(schema: Schema): { values: unknown[]; isConst: boolean } | undefined {
  if ('const' in schema) return { values: [schema.const], isConst: true };
  if (Array.isArray(schema.enum)) return { values: schema.enum, isConst: false };
  return undefined;
}

export function compareValueSets(ctx: DiffContext, o: Located, n: Located, path: string): void {
  const oldSet = valueSet(o.node as Schema);
  const newSet = valueSet(n.node as Schema);
  if (oldSet === undefined && newSet === undefined) return;
  if (oldSet === undefined) {
    emit(ctx, newSet!.isConst ? 'CONST_ADDED' : 'ENUM_ADDED', o, n, path, `now restricted to ${newSet!.values.map((v) => canonicalize(v)).join(', ')}`);
    return;
  }
  if (newSet === undefined) {
    emit(ctx, oldSet.isConst ? 'CONST_DROPPED' : 'ENUM_DROPPED', o, n, path, `no longer restricted to ${oldSet.values.map((v) => canonicalize(v)).join(', ')}`);
    return;
  }
  const oldKeys = new Set(oldSet.values.map((v) => canonicalize(v)));
  const newKeys = new Set(newSet.values.map((v) => canonicalize(v)));
  const removed = [...oldKeys].filter((k) => !newKeys.has(k));
  const added = [...newKeys].filter((k) => !oldKeys.has(k));
  if (oldSet.isConst && newSet.isConst) {
    if (removed.length > 0) emit(ctx, 'CONST_CHANGED', o, n, path, `const ${removed[0]} became ${added[0]}`);
    return;
  }
  if (removed.length > 0) emit(ctx, oldSet.isConst ? 'CONST_CHANGED' : 'ENUM_VALUE_REMOVED', o, n, path, `value ${removed.join(', ')} no longer accepted`);
  if (added.length > 0) emit(ctx, 'ENUM_VALUE_ADDED', o, n, path, `value ${added.join(', ')} newly accepted`);
}

interface Bound {
  readonly value: number;
  readonly exclusive: boolean;
}

function bound(schema: Schema, inclusiveKey: string, exclusiveKey: string, lower: boolean): Bound | undefined {
  const inc = typeof schema[inclusiveKey] === 'number' ? { value: schema[inclusiveKey] as number, exclusive: false } : undefined;
  const exc = typeof schema[exclusiveKey] === 'number' ? { value: schema[exclusiveKey] as number, exclusive: true } : undefined;
  let found = inc ?? exc;
  if (inc !== undefined && exc !== undefined) found = tighter(inc, exc, lower) ? inc : exc;
  // For integers an exclusive bound k is the inclusive bound k +/- 1: the same set, no finding.
  if (found !== undefined && found.exclusive && Number.isInteger(found.value) && schema.type === 'integer') {
    return { value: found.value + (lower ? 1 : -1), exclusive: false };
  }
  return found;
}

/** True when bound a admits strictly less than bound b. */
function tighter(a: Bound, b: Bound, lower: boolean): boolean {
  if (a.value !== b.value) return lower ? a.value > b.value : a.value < b.value;
  return a.exclusive && !b.exclusive;
}

function compareBound(ctx: DiffContext, o: Located, n: Located, path: string, lower: boolean): void {
  const [inc, exc] = lower ? ['minimum', 'exclusiveMinimum'] : ['maximum', 'exclusiveMaximum'];
  const a = bound(o.node as Schema, inc, exc, lower);
  const b = bound(n.node as Schema, inc, exc, lower);
  const name = lower ? 'LOWER' : 'UPPER';
  const show = (x: Bound | undefined): string => (x === undefined ? 'none' : `${x.exclusive ? (lower ? '>' : '<') : lower ? '>=' : '<='} ${x.value}`);
  if (a === undefined && b === undefined) return;
  if (a === undefined || (b !== undefined && tighter(b, a, lower))) emit(ctx, `NUMERIC_${name}_BOUND_TIGHTENED`, o, n, path, `bound ${show(a)} became ${show(b)}`);
  else if (b === undefined || tighter(a, b, lower)) emit(ctx, `NUMERIC_${name}_BOUND_LOOSENED`, o, n, path, `bound ${show(a)} became ${show(b)}`);
}

function compareCount(ctx: DiffContext, o: Located, n: Located, path: string, key: string, isMin: boolean, rules: [string, string]): void {
  const fallback = isMin ? 0 : Number.POSITIVE_INFINITY;
  const a = typeof (o.node as Schema)[key] === 'number' ? ((o.node as Schema)[key] as number) : fallback;
  const b = typeof (n.node as Schema)[key] === 'number' ? ((n.node as Schema)[key] as number) : fallback;
  if (a === b) return;
  const tightened = isMin ? b > a : b < a;
  emit(ctx, tightened ? rules[0] : rules[1], o, n, path, `${key} ${a} became ${b}`);
}

/** Bounds only matter where both sides admit the type they constrain (a type change is its own finding). */
function bothAdmit(o: Located, n: Located, type: string): boolean {
  return admits(typesOf(o.node as Schema), type) && admits(typesOf(n.node as Schema), type);
}

export function compareBounds(ctx: DiffContext, o: Located, n: Located, path: string): void {
  if (bothAdmit(o, n, 'integer')) {
    compareBound(ctx, o, n, path, true);
    compareBound(ctx, o, n, path, false);
  }
  if (bothAdmit(o, n, 'string')) {
    compareCount(ctx, o, n, path, 'minLength', true, ['MIN_LENGTH_INCREASED', 'MIN_LENGTH_DECREASED']);
    compareCount(ctx, o, n, path, 'maxLength', false, ['MAX_LENGTH_DECREASED', 'MAX_LENGTH_INCREASED']);
  }
  if (!bothAdmit(o, n, 'array')) return;
  compareCount(ctx, o, n, path, 'minItems', true, ['MIN_ITEMS_INCREASED', 'MIN_ITEMS_DECREASED']);
  compareCount(ctx, o, n, path, 'maxItems', false, ['MAX_ITEMS_DECREASED', 'MAX_ITEMS_INCREASED']);
  const oldUnique = (o.node as Schema).uniqueItems === true;
  const newUnique = (n.node as Schema).uniqueItems === true;
  if (!oldUnique && newUnique) emit(ctx, 'UNIQUE_ITEMS_ADDED', o, n, path, 'uniqueItems added');
  if (oldUnique && !newUnique) emit(ctx, 'UNIQUE_ITEMS_DROPPED', o, n, path, 'uniqueItems dropped');
}

export function comparePattern(ctx: DiffContext, o: Located, n: Located, path: string): void {
  const a = (o.node as Schema).pattern;
  const b = (n.node as Schema).pattern;
  if (a === b) return;
  if (a === undefined) emit(ctx, 'PATTERN_ADDED', o, n, path, `pattern ${String(b)} added`);
  else if (b === undefined) emit(ctx, 'PATTERN_DROPPED', o, n, path, `pattern ${String(a)} dropped`);
  else emit(ctx, 'PATTERN_CHANGED', o, n, path, `pattern ${String(a)} became ${String(b)}`);
}
