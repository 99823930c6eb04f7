import type { SchemaFile, SchemaSet } from '../schema-set.js';
import { atPointer } from './walk.js';

/** Where a `$ref` lands: the file, the pointer inside it, and the schema found there. */
export interface ResolvedRef {
  readonly file: SchemaFile;
  readonly pointer: string;
  readonly schema: any;
}

/**
 * Resolves a `$ref` as written in `from` (`#/$defs/X`, `other.schema.json`,
 * `other.schema.json#/$defs/X`). Only refs between files of the set are supported: that is
 * all the house rules allow. Returns `undefined` when the target does not exist.
 */
export function resolveRef(set: Pick<SchemaSet, 'files'>, from: SchemaFile, ref: string): ResolvedRef | undefined {
  const hash = ref.indexOf('#');
  const target = hash === -1 ? ref : ref.slice(0, hash);
  const pointer = hash === -1 ? '' : decodeURIComponent(ref.slice(hash + 1));
  const file = target === '' ? from : set.files.find((candidate) => candidate.fileName === target);
  if (file === undefined) return undefined;
  const schema = atPointer(file.schema, pointer);
  return schema === undefined ? undefined : { file, pointer, schema };
}
