import type { SchemaFile, SchemaSet } from '../schema-set.js';
import { resolveRef } from './resolve.js';
import { walkSchema } from './walk.js';

/** One branch of a tagged union: the `$ref` as written, the branch title and its tag value. */
export interface UnionBranch {
  readonly ref: string;
  readonly title: string | undefined;
  readonly tagValue: string | undefined;
}

/** A `oneOf` of `$ref`s to titled objects that each require the same `const` string tag. */
export interface TaggedUnion {
  readonly file: SchemaFile;
  readonly pointer: string;
  /** Title of the schema holding the `oneOf`. */
  readonly title: string | undefined;
  /** The tag property, or `undefined` when the branches share none (a lint violation). */
  readonly tag: string | undefined;
  readonly branches: readonly UnionBranch[];
}

function constTags(branch: any): Map<string, string> {
  const tags = new Map<string, string>();
  const required: unknown[] = Array.isArray(branch?.required) ? branch.required : [];
  for (const name of required) {
    const property = branch?.properties?.[name as string];
    if (typeof name === 'string' && typeof property?.const === 'string') tags.set(name, property.const);
  }
  return tags;
}

/** Finds the tag: the first required `const` string property shared by every branch. */
function findTag(branchTags: Map<string, string>[]): string | undefined {
  const [first, ...rest] = branchTags;
  if (first === undefined) return undefined;
  for (const name of first.keys()) {
    if (rest.every((tags) => tags.has(name))) return name;
  }
  return undefined;
}

/** Every `oneOf` of the file, read as a tagged union (lint decides whether it is a good one). */
export function taggedUnionsOf(set: Pick<SchemaSet, 'files'>, file: SchemaFile): TaggedUnion[] {
  const unions: TaggedUnion[] = [];
  for (const node of walkSchema(file.schema)) {
    if (!Array.isArray(node.schema.oneOf)) continue;
    const targets = node.schema.oneOf.map((branch: { $ref?: unknown }) =>
      typeof branch?.$ref === 'string' ? resolveRef(set, file, branch.$ref) : undefined,
    );
    const branchTags = targets.map((target: { schema: unknown } | undefined) => constTags(target?.schema));
    const tag = findTag(branchTags);
    unions.push({
      file,
      pointer: node.pointer,
      title: typeof node.schema.title === 'string' ? node.schema.title : undefined,
      tag,
      branches: node.schema.oneOf.map((branch: { $ref?: unknown }, index: number) => ({
        ref: typeof branch?.$ref === 'string' ? branch.$ref : '',
        title: targets[index]?.schema?.title,
        tagValue: tag === undefined ? undefined : branchTags[index]?.get(tag),
      })),
    });
  }
  return unions;
}

/** Tagged unions of every file of the set. */
export function taggedUnionsOfSet(set: Pick<SchemaSet, 'files'>): TaggedUnion[] {
  return set.files.flatMap((file) => taggedUnionsOf(set, file));
}
