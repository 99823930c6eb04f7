/**
 * The restricted schema subset the Rust generator understands, resolved into one model:
 * every named type (a file root or a `$defs` entry, and every titled or nested inline object,
 * enum or union) with its shape. Anything outside the subset throws, naming the schema path,
 * so a schema that the generator cannot express fails codegen instead of emitting wrong code.
 */
import type { SchemaFile, SchemaSet } from '../schema-set.js';

/** Numeric bounds of a scalar schema (absent: unbounded). */
export interface NumberBounds {
  readonly maximum?: number;
  readonly minimum?: number;
  readonly exclusiveMaximum?: number;
  readonly exclusiveMinimum?: number;
}

/** A schema node, resolved: `ref` points at a named type, every other kind is inline. */
export type Shape =
  | { readonly kind: 'ref'; readonly target: string }
  | { readonly kind: 'string'; readonly const?: string; readonly enum?: readonly string[]; readonly maxLength?: number; readonly minLength?: number; readonly pattern?: string }
  | ({ readonly kind: 'number' | 'integer' } & NumberBounds)
  | { readonly kind: 'boolean' }
  | { readonly kind: 'array'; readonly items: Shape; readonly maxItems?: number; readonly minItems?: number };

/** One property of an object type. */
export interface Property {
  readonly name: string;
  readonly required: boolean;
  readonly shape: Shape;
  readonly description?: string;
}

/** A named type of the model. */
export type NamedType =
  | { readonly kind: 'alias'; readonly name: string; readonly description?: string; readonly shape: Shape }
  | { readonly kind: 'enum'; readonly name: string; readonly description?: string; readonly values: readonly string[] }
  | {
      readonly kind: 'struct';
      readonly name: string;
      readonly description?: string;
      /** Properties in schema order (the order validation visits them). */
      readonly properties: readonly Property[];
      /** `required` in schema order (the order validation reports missing ones). */
      readonly required: readonly string[];
      /** Set when this struct is a branch of a tagged union: the tag property and its value. */
      tag?: { readonly property: string; readonly value: string };
    }
  | {
      readonly kind: 'union';
      readonly name: string;
      readonly description?: string;
      readonly tagProperty: string;
      readonly branches: readonly { readonly tagValue: string; readonly target: string }[];
    };

/** The whole model: named types by name, in a deterministic order. */
export interface SchemaModel {
  readonly types: ReadonlyMap<string, NamedType>;
  /** Rust name of each schema file's root type, by file name (`engine_intent` -> `EngineIntent`). */
  readonly roots: ReadonlyMap<string, string>;
}

const IGNORED_KEYWORDS = new Set(['$schema', '$id', 'title', 'description', '$defs', '$comment', 'examples']);

/** Thrown for a schema outside the subset; names the schema location. */
export class RustModelError extends Error {
  constructor(where: string, message: string) {
    super(`${where}: ${message}`);
    this.name = 'RustModelError';
  }
}

function pascal(text: string): string {
  return text
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part.length > 0)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
}

function onlyKeywords(schema: Record<string, unknown>, allowed: readonly string[], where: string): void {
  for (const key of Object.keys(schema)) {
    if (IGNORED_KEYWORDS.has(key) || allowed.includes(key)) continue;
    throw new RustModelError(where, `keyword '${key}' is outside the subset the Rust generator supports`);
  }
}

/** Builds the model from the schema set, resolving every `$ref` to a named type. */
export function buildModel(set: SchemaSet): SchemaModel {
  const types = new Map<string, NamedType>();
  const byLocation = new Map<string, string>();
  const files = new Map<string, SchemaFile>(set.files.map((file) => [file.fileName, file]));
  const roots = new Map<string, string>();

  const locationName = (fileName: string, pointer: string): string => {
    const known = byLocation.get(`${fileName}#${pointer}`);
    if (known !== undefined) return known;
    const file = files.get(fileName);
    if (file === undefined) throw new RustModelError(fileName, 'referenced schema file does not exist');
    let node: unknown = file.schema;
    for (const part of pointer.split('/').filter((p) => p.length > 0)) node = (node as Record<string, unknown>)[part];
    if (node === undefined) throw new RustModelError(`${fileName}#${pointer}`, 'unresolvable $ref');
    const schema = node as Record<string, unknown>;
    const name = typeof schema['title'] === 'string' ? (schema['title'] as string) : pascal(pointer.split('/').pop() ?? fileName);
    byLocation.set(`${fileName}#${pointer}`, name);
    define(name, schema, fileName, `${fileName}#${pointer}`);
    return name;
  };

  const resolveRef = (ref: string, fileName: string): string => {
    const [target, pointer = ''] = ref.split('#');
    return locationName(target === '' || target === undefined ? fileName : target, pointer);
  };

  const define = (name: string, schema: Record<string, unknown>, fileName: string, where: string): void => {
    if (types.has(name)) throw new RustModelError(where, `type name '${name}' is defined twice`);
    const description = typeof schema['description'] === 'string' ? (schema['description'] as string) : undefined;
    const base = description === undefined ? { name } : { name, description };
    if (Array.isArray(schema['oneOf'])) {
      types.set(name, { kind: 'union', ...base, tagProperty: '', branches: [] }); // placeholder against cycles
      types.set(name, union(name, schema, fileName, where, base));
    } else if (schema['type'] === 'object') {
      types.set(name, struct(name, schema, fileName, where, base));
    } else if (schema['type'] === 'string' && Array.isArray(schema['enum'])) {
      onlyKeywords(schema, ['type', 'enum'], where);
      types.set(name, { kind: 'enum', ...base, values: schema['enum'] as string[] });
    } else {
      types.set(name, { kind: 'alias', ...base, shape: shapeOf(schema, fileName, where, name) });
    }
  };

  const union = (name: string, schema: Record<string, unknown>, fileName: string, where: string, base: { name: string; description?: string }): NamedType => {
    onlyKeywords(schema, ['oneOf'], where);
    const targets = (schema['oneOf'] as Record<string, unknown>[]).map((branch, index) => {
      onlyKeywords(branch, ['$ref'], `${where}/oneOf/${index}`);
      return resolveRef(branch['$ref'] as string, fileName);
    });
    const structs = targets.map((target) => {
      const type = types.get(target);
      if (type?.kind !== 'struct') throw new RustModelError(where, `oneOf branch '${target}' is not an object type`);
      return type;
    });
    const tagged = structs[0]!.properties.filter((p) => p.required && p.shape.kind === 'string' && p.shape.const !== undefined).map((p) => p.name);
    const tagProperty = tagged.find((candidate) =>
      structs.every((s) => s.properties.some((p) => p.name === candidate && p.required && p.shape.kind === 'string' && p.shape.const !== undefined)),
    );
    if (tagProperty === undefined) throw new RustModelError(where, 'oneOf branches share no required const tag');
    const branches = structs.map((s) => {
      const prop = s.properties.find((p) => p.name === tagProperty)!;
      const tagValue = (prop.shape as { const: string }).const;
      s.tag = { property: tagProperty, value: tagValue };
      return { tagValue, target: s.name };
    });
    if (new Set(branches.map((b) => b.tagValue)).size !== branches.length) throw new RustModelError(where, 'duplicate tag value');
    return { kind: 'union', ...base, tagProperty, branches };
  };

  const struct = (name: string, schema: Record<string, unknown>, fileName: string, where: string, base: { name: string; description?: string }): NamedType => {
    onlyKeywords(schema, ['type', 'additionalProperties', 'required', 'properties'], where);
    if (schema['additionalProperties'] !== false) throw new RustModelError(where, 'objects must be closed (additionalProperties: false)');
    const required = (schema['required'] as string[] | undefined) ?? [];
    const props = (schema['properties'] as Record<string, Record<string, unknown>> | undefined) ?? {};
    const properties = Object.entries(props).map(([prop, sub]) => {
      const description = typeof sub['description'] === 'string' ? (sub['description'] as string) : undefined;
      const shape = shapeOf(sub, fileName, `${where}/properties/${prop}`, name + pascal(prop));
      return description === undefined ? { name: prop, required: required.includes(prop), shape } : { name: prop, required: required.includes(prop), shape, description };
    });
    for (const prop of required) if (!(prop in props)) throw new RustModelError(where, `required '${prop}' is not a property`);
    return { kind: 'struct', ...base, properties, required };
  };

  const shapeOf = (schema: Record<string, unknown>, fileName: string, where: string, hint: string): Shape => {
    if (typeof schema['$ref'] === 'string') {
      onlyKeywords(schema, ['$ref'], where);
      return { kind: 'ref', target: resolveRef(schema['$ref'], fileName) };
    }
    const named = (): Shape => {
      const name = typeof schema['title'] === 'string' ? (schema['title'] as string) : hint;
      define(name, schema, fileName, where);
      return { kind: 'ref', target: name };
    };
    if (Array.isArray(schema['oneOf']) || schema['type'] === 'object') return named();
    switch (schema['type']) {
      case 'string':
        if (Array.isArray(schema['enum'])) return named();
        onlyKeywords(schema, ['type', 'const', 'maxLength', 'minLength', 'pattern'], where);
        return { kind: 'string', ...pick(schema, ['const', 'maxLength', 'minLength', 'pattern']) };
      case 'number':
      case 'integer':
        onlyKeywords(schema, ['type', 'maximum', 'minimum', 'exclusiveMaximum', 'exclusiveMinimum'], where);
        return { kind: schema['type'], ...pick(schema, ['maximum', 'minimum', 'exclusiveMaximum', 'exclusiveMinimum']) };
      case 'boolean':
        onlyKeywords(schema, ['type'], where);
        return { kind: 'boolean' };
      case 'array': {
        onlyKeywords(schema, ['type', 'items', 'maxItems', 'minItems'], where);
        const items = shapeOf(schema['items'] as Record<string, unknown>, fileName, `${where}/items`, `${hint}Item`);
        return { kind: 'array', items, ...pick(schema, ['maxItems', 'minItems']) };
      }
      default:
        // Name the first keyword outside the subset when there is one; else the type.
        onlyKeywords(schema, ['type'], where);
        throw new RustModelError(where, `unsupported schema (type ${JSON.stringify(schema['type'])})`);
    }
  };

  for (const file of set.files) {
    // A file whose root is only a container of `$defs` (the vocabulary) has no root type.
    if (file.schema.type !== undefined || file.schema.oneOf !== undefined) roots.set(file.name, locationName(file.fileName, ''));
    for (const defName of Object.keys(file.schema.$defs ?? {})) locationName(file.fileName, `/$defs/${defName}`);
  }
  const sorted = new Map([...types.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { types: sorted, roots };
}

function pick(schema: Record<string, unknown>, keys: readonly string[]): Record<string, never> {
  const out: Record<string, unknown> = {};
  for (const key of keys) if (schema[key] !== undefined) out[key] = schema[key];
  return out as Record<string, never>;
}
