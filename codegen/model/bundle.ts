import type { SchemaFile, SchemaSet } from '../schema-set.js';
import { resolveRef } from './resolve.js';

/** Thrown when the set cannot be bundled (a dangling `$ref`, two types with one title). */
export class BundleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BundleError';
  }
}

/**
 * Every named location of the set (each contract root and each `$defs` entry), keyed by
 * `<fileName>#<pointer>`, with the type name it gets: its `title`.
 */
export function namedLocations(set: SchemaSet): Map<string, string> {
  const names = new Map<string, string>();
  const owners = new Map<string, string>();
  const add = (file: SchemaFile, pointer: string, title: unknown): void => {
    const key = `${file.fileName}#${pointer}`;
    if (typeof title !== 'string' || title === '') {
      throw new BundleError(`schemas/${file.fileName}#${pointer}: a named schema needs a title`);
    }
    const owner = owners.get(title);
    if (owner !== undefined) {
      throw new BundleError(`schemas/${key}: title "${title}" is already used by schemas/${owner}`);
    }
    owners.set(title, key);
    names.set(key, title);
  };
  for (const file of set.files) {
    if (file.schema.type !== undefined || file.schema.oneOf !== undefined) add(file, '', file.schema.title);
    for (const [name, def] of Object.entries(file.schema.$defs ?? {})) {
      add(file, `/$defs/${name}`, (def as { title?: unknown }).title);
    }
  }
  return names;
}

type Json = any;

/**
 * One self-contained schema whose `$defs` hold every named location of the set under its
 * title, with every `$ref` pointing into those `$defs`. A `$ref` keeps no siblings: a
 * `description` beside a `$ref` makes json-schema-to-typescript declare a numbered copy
 * of the referenced type (`Amount1`), and the description lives in the docs anyway.
 */
export function bundleSchemaSet(set: SchemaSet, rootTitle: string): Json {
  const names = namedLocations(set);
  const rewrite = (node: Json, file: SchemaFile, pointer: string): Json => {
    if (Array.isArray(node)) return node.map((item, index) => rewrite(item, file, `${pointer}/${index}`));
    if (typeof node !== 'object' || node === null) return node;
    if (typeof node.$ref === 'string') {
      const target = resolveRef(set, file, node.$ref);
      const name = target && names.get(`${target.file.fileName}#${target.pointer}`);
      if (name === undefined) {
        throw new BundleError(`schemas/${file.fileName}#${pointer}: $ref "${node.$ref}" names no titled schema of the set`);
      }
      return { $ref: `#/$defs/${name}` };
    }
    const out: Json = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === '$id' || key === '$schema' || key === '$defs') continue;
      out[key] = rewrite(value, file, `${pointer}/${key}`);
    }
    return out;
  };
  const defs: Record<string, Json> = {};
  for (const file of set.files) {
    for (const [key, name] of names) {
      const [fileName, pointer] = key.split('#') as [string, string];
      if (fileName !== file.fileName) continue;
      const schema = pointer === '' ? file.schema : file.schema.$defs[pointer.slice('/$defs/'.length)];
      defs[name] = rewrite(schema, file, pointer);
    }
  }
  const sortedNames = Object.keys(defs).sort();
  return {
    title: rootTitle,
    type: 'object',
    additionalProperties: false,
    properties: Object.fromEntries(sortedNames.map((name) => [name, { $ref: `#/$defs/${name}` }])),
    $defs: Object.fromEntries(sortedNames.map((name) => [name, defs[name]])),
  };
}
