// One schema node against its counterpart: resolve $refs, then compare every keyword the
// checker models; a keyword it does not model fails closed when it differs.
import { stableText as canonicalize } from './stable-text.js';
import { compareObjects } from './compare-objects.js';
import { compareUnions } from './compare-unions.js';
import { compareBounds, comparePattern, compareTypes, compareValueSets } from './compare-values.js';
import { emit, type DiffContext } from './diff-context.js';
import { ANNOTATIONS, childOf, isObject, locString, type Located } from './refs.js';

/** Keywords with a comparison of their own (everything else non-annotation fails closed). */
export const MODELLED = new Set([
  '$ref', 'type', 'enum', 'const', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum',
  'minLength', 'maxLength', 'pattern', 'items', 'minItems', 'maxItems', 'uniqueItems',
  'properties', 'required', 'additionalProperties', 'patternProperties', 'oneOf', 'anyOf',
]);

function compareUnmodelled(ctx: DiffContext, o: Located, n: Located, path: string): void {
  const a = o.node as Record<string, unknown>;
  const b = n.node as Record<string, unknown>;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of [...keys].sort()) {
    if (MODELLED.has(key) || ANNOTATIONS.has(key)) continue;
    if (canonicalize(a[key] ?? null) !== canonicalize(b[key] ?? null) || key in a !== key in b) {
      emit(ctx, 'UNMODELLED_KEYWORD_CHANGED', childOf(o, key), childOf(n, key), path, `keyword ${key} changed`);
    }
  }
}

function compareAnnotations(ctx: DiffContext, o: Located, n: Located, path: string): void {
  const a = o.node as Record<string, unknown>;
  const b = n.node as Record<string, unknown>;
  if (typeof a.title === 'string' && typeof b.title === 'string' && a.title !== b.title) {
    emit(ctx, 'TITLE_CHANGED', childOf(o, 'title'), childOf(n, 'title'), path, `title ${a.title} became ${b.title}`);
  }
  if ('default' in a || 'default' in b) {
    if (canonicalize(a.default ?? null) !== canonicalize(b.default ?? null) || 'default' in a !== 'default' in b) {
      emit(ctx, 'DEFAULT_CHANGED', childOf(o, 'default'), childOf(n, 'default'), path, 'default changed');
    }
  }
}

function compareItems(ctx: DiffContext, o: Located, n: Located, path: string): void {
  const a = (o.node as Record<string, unknown>).items;
  const b = (n.node as Record<string, unknown>).items;
  if (a === undefined && b === undefined) return;
  if (a !== undefined && b !== undefined) compareNode(ctx, childOf(o, 'items'), childOf(n, 'items'), `${path}/*`);
  else emit(ctx, 'UNMODELLED_KEYWORD_CHANGED', childOf(o, 'items'), childOf(n, 'items'), path, `items ${a === undefined ? 'added' : 'dropped'}`);
}

/** Compares two schema nodes (any side may be a `$ref`), recording findings in `ctx`. */
export function compareNode(ctx: DiffContext, oldAt: Located, newAt: Located, path: string): void {
  const o = ctx.oldRefs.resolve(oldAt);
  const n = ctx.newRefs.resolve(newAt);
  const key = `${locString(o)}|${locString(n)}`;
  if (ctx.seen.has(key)) return;
  ctx.seen.add(key);
  if (!isObject(o.node) || !isObject(n.node)) {
    if (canonicalize(o.node ?? null) !== canonicalize(n.node ?? null)) emit(ctx, 'UNMODELLED_KEYWORD_CHANGED', o, n, path, 'boolean schema changed');
    return;
  }
  compareAnnotations(ctx, o, n, path);
  compareUnmodelled(ctx, o, n, path);
  compareTypes(ctx, o, n, path);
  compareValueSets(ctx, o, n, path);
  compareBounds(ctx, o, n, path);
  comparePattern(ctx, o, n, path);
  compareItems(ctx, o, n, path);
  compareObjects(ctx, o, n, path, compareNode);
  compareUnions(ctx, o, n, path, compareNode);
}
