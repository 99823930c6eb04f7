import { resolveRef } from '../../../codegen/model/resolve.js';
import type { SchemaFile, SchemaSet } from '../../../codegen/schema-set.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/** A place inside a valid value, with the schema that governs it (refs followed). */
export interface ValueLocation {
  readonly pointer: string;
  readonly schema: Json;
  /** Titles of the named schemas crossed to get here (innermost last). */
  readonly titles: readonly string[];
  /** For a union: its tag property. */
  readonly tag?: string;
}

function token(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

function requiredConsts(schema: Json): string[] {
  return (schema.required ?? []).filter((name: string) => schema.properties?.[name]?.const !== undefined);
}

// The branch of a union a value takes: the one whose required const properties all match. The
// tag is the first required const property every branch shares (as codegen's tagged-union model
// finds it), not a const only one branch has (such as a header's format version).
function branchFor(set: SchemaSet, file: SchemaFile, oneOf: Json[], value: Json): { file: SchemaFile; schema: Json; tag?: string } | undefined {
  const targets = oneOf.map((branch) => resolveRef(set, file, branch.$ref));
  const shared = targets.reduce<string[] | undefined>((acc, t) => {
    const names = t === undefined ? [] : requiredConsts(t.schema);
    return acc === undefined ? names : acc.filter((n) => names.includes(n));
  }, undefined);
  for (const target of targets) {
    if (target === undefined) continue;
    const consts = requiredConsts(target.schema);
    if (consts.every((name: string) => value?.[name] === target.schema.properties[name].const)) {
      const tag = shared?.[0];
      return { file: target.file, schema: target.schema, ...(tag === undefined ? {} : { tag }) };
    }
  }
  return undefined;
}

/** Every location of a value valid against `schema`, depth-first, the value itself first. */
export function valueLocations(set: SchemaSet, file: SchemaFile, schema: Json, value: Json, pointer = '', titles: string[] = []): ValueLocation[] {
  if (typeof schema.$ref === 'string') {
    const target = resolveRef(set, file, schema.$ref);
    if (target === undefined) return [];
    return valueLocations(set, target.file, target.schema, value, pointer, titles);
  }
  const named = typeof schema.title === 'string' ? [...titles, schema.title] : titles;
  if (Array.isArray(schema.oneOf)) {
    const branch = branchFor(set, file, schema.oneOf, value);
    if (branch === undefined) return [];
    const inner = valueLocations(set, branch.file, branch.schema, value, pointer, named);
    return [{ pointer, schema, titles: named, ...(branch.tag === undefined ? {} : { tag: branch.tag }) }, ...inner];
  }
  const here: ValueLocation = { pointer, schema, titles: named };
  if (schema.type === 'object' && typeof value === 'object' && value !== null) {
    return [
      here,
      ...Object.entries<Json>(schema.properties ?? {})
        .filter(([name]) => value[name] !== undefined)
        .flatMap(([name, property]) => valueLocations(set, file, property, value[name], `${pointer}/${token(name)}`, named)),
    ];
  }
  if (schema.type === 'array' && Array.isArray(value)) {
    return [here, ...value.flatMap((item, index) => valueLocations(set, file, schema.items, item, `${pointer}/${index}`, named))];
  }
  return [here];
}

/** Reads the value at a JSON pointer. */
export function getAt(root: Json, pointer: string): Json {
  if (pointer === '') return root;
  return pointer
    .slice(1)
    .split('/')
    .reduce((node, raw) => node?.[raw.replace(/~1/g, '/').replace(/~0/g, '~')], root);
}

/** A copy of `root` with the value at `pointer` replaced by `edit(old)`; `undefined` deletes. */
export function editAt(root: Json, pointer: string, edit: (old: Json) => Json): Json {
  const copy = structuredClone(root);
  if (pointer === '') return edit(copy);
  const tokens = pointer.slice(1).split('/').map((raw) => raw.replace(/~1/g, '/').replace(/~0/g, '~'));
  const last = tokens.pop() as string;
  const parent = tokens.reduce((node, key) => node[key], copy);
  const next = edit(parent[last]);
  if (next === undefined) delete parent[last];
  else parent[last] = next;
  return copy;
}
