// Const-tagged unions: the variants of a oneOf are matched by the value of their tag property,
// never by array position (reordering variants changes nothing on the wire).
import { isObject, childOf, type Located, type RefResolver } from './refs.js';

export interface TaggedUnion {
  readonly tag: string;
  /** Tag value -> the resolved variant. */
  readonly variants: ReadonlyMap<string, Located>;
}

function constOf(schema: unknown): string | undefined {
  if (!isObject(schema)) return undefined;
  if (typeof schema.const === 'string') return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length === 1 && typeof schema.enum[0] === 'string') return schema.enum[0];
  return undefined;
}

/** The variants of a union node (`oneOf` or `anyOf`), resolved. */
export function unionVariants(at: Located, keyword: 'oneOf' | 'anyOf', refs: RefResolver): Located[] {
  const list = (at.node as Record<string, unknown>)[keyword];
  if (!Array.isArray(list)) return [];
  return list.map((_, index) => refs.resolve(childOf(at, keyword, index)));
}

/**
 * The tag of a union: a property every variant requires and pins to a const, with a distinct
 * value per variant. Undefined when there is none (the union is then compared fail-closed).
 */
export function findTag(variants: readonly Located[], refs: RefResolver): TaggedUnion | undefined {
  if (variants.length === 0 || !variants.every((v) => isObject(v.node) && isObject(v.node.properties))) return undefined;
  const first = variants[0]!.node as Record<string, unknown>;
  for (const name of Object.keys(first.properties as object)) {
    const byValue = new Map<string, Located>();
    let ok = true;
    for (const variant of variants) {
      const schema = variant.node as Record<string, unknown>;
      const required = Array.isArray(schema.required) && schema.required.includes(name);
      const prop = (schema.properties as Record<string, unknown>)[name];
      const value = prop === undefined ? undefined : constOf(refs.resolve(childOf(variant, 'properties', name)).node);
      if (!required || value === undefined || byValue.has(value)) {
        ok = false;
        break;
      }
      byValue.set(value, variant);
    }
    if (ok) return { tag: name, variants: byValue };
  }
  return undefined;
}
