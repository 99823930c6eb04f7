// oneOf/anyOf: tagged unions are matched variant by variant on the tag value; anything else is
// compared fail-closed (a changed untagged union is assumed breaking both ways).
import { stableText as canonicalize } from './stable-text.js';
import type { CompareNode } from './compare-objects.js';
import { emit, type DiffContext } from './diff-context.js';
import { childOf, type Located } from './refs.js';
import { findTag, unionVariants } from './unions.js';

type Schema = Record<string, unknown>;

function keywordOf(schema: Schema): 'oneOf' | 'anyOf' | undefined {
  if (Array.isArray(schema.oneOf)) return 'oneOf';
  if (Array.isArray(schema.anyOf)) return 'anyOf';
  return undefined;
}

export function compareUnions(ctx: DiffContext, o: Located, n: Located, path: string, compare: CompareNode): void {
  const ka = keywordOf(o.node as Schema);
  const kb = keywordOf(n.node as Schema);
  if (ka === undefined && kb === undefined) return;
  if (ka === undefined || kb === undefined || ka !== kb) {
    emit(ctx, 'UNION_UNTAGGED', o, n, path, `union keyword ${ka ?? 'none'} became ${kb ?? 'none'}`);
    return;
  }
  const oldVariants = unionVariants(o, ka, ctx.oldRefs);
  const newVariants = unionVariants(n, kb, ctx.newRefs);
  const oldTag = findTag(oldVariants, ctx.oldRefs);
  const newTag = findTag(newVariants, ctx.newRefs);
  if (oldTag !== undefined && newTag !== undefined) {
    if (oldTag.tag !== newTag.tag) {
      emit(ctx, 'UNION_TAG_CHANGED', childOf(o, ka), childOf(n, kb), path, `union tag ${oldTag.tag} became ${newTag.tag}`);
      return;
    }
    for (const [value, variant] of oldTag.variants) {
      const match = newTag.variants.get(value);
      if (match === undefined) emit(ctx, 'UNION_VARIANT_REMOVED', variant, childOf(n, kb), path, `variant ${oldTag.tag}=${value} removed`);
      else compare(ctx, variant, match, path);
    }
    for (const [value, variant] of newTag.variants) {
      if (!oldTag.variants.has(value)) emit(ctx, 'UNION_VARIANT_ADDED', childOf(o, ka), variant, path, `variant ${newTag.tag}=${value} added`);
    }
    return;
  }
  const same =
    oldVariants.length === newVariants.length &&
    oldVariants.every((v, i) => canonicalize(v.node) === canonicalize(newVariants[i]!.node));
  if (!same) {
    emit(ctx, 'UNION_UNTAGGED', childOf(o, ka), childOf(n, kb), path, `untagged ${ka} changed (${oldVariants.length} -> ${newVariants.length} variants)`);
    return;
  }
  oldVariants.forEach((v, i) => compare(ctx, v, newVariants[i]!, path));
}
