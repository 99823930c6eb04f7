/**
 * Walks every subschema of a JSON Schema (2020-12 keywords), with its JSON pointer.
 * Keywords holding data (`const`, `enum`, `default`, `examples`) are not descended into,
 * so a property named like a keyword is never mistaken for one.
 */
export interface SchemaNode {
  readonly schema: any;
  /** JSON pointer of this subschema inside its file, `""` for the root. */
  readonly pointer: string;
  /** How this node is reached from its parent: the keyword, e.g. `properties`, `items`, `oneOf`. */
  readonly via: string | null;
}

const SCHEMA_MAP_KEYWORDS = ['$defs', 'definitions', 'properties', 'patternProperties', 'dependentSchemas'];
const SCHEMA_KEYWORDS = [
  'items',
  'additionalProperties',
  'unevaluatedProperties',
  'unevaluatedItems',
  'contains',
  'propertyNames',
  'not',
  'if',
  'then',
  'else',
];
const SCHEMA_ARRAY_KEYWORDS = ['oneOf', 'anyOf', 'allOf', 'prefixItems'];

/** Escapes one JSON pointer reference token (RFC 6901). */
export function escapePointerToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

function isSchemaObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every subschema of `schema` (itself first), depth-first in key order as written. */
export function walkSchema(schema: unknown, pointer = '', via: string | null = null): SchemaNode[] {
  if (!isSchemaObject(schema)) return [];
  const nodes: SchemaNode[] = [{ schema, pointer, via }];
  for (const [keyword, value] of Object.entries(schema)) {
    const at = `${pointer}/${escapePointerToken(keyword)}`;
    if (SCHEMA_MAP_KEYWORDS.includes(keyword) && isSchemaObject(value)) {
      for (const [name, sub] of Object.entries(value)) {
        nodes.push(...walkSchema(sub, `${at}/${escapePointerToken(name)}`, keyword));
      }
    } else if (SCHEMA_KEYWORDS.includes(keyword)) {
      nodes.push(...walkSchema(value, at, keyword));
    } else if (SCHEMA_ARRAY_KEYWORDS.includes(keyword) && Array.isArray(value)) {
      value.forEach((sub, index) => nodes.push(...walkSchema(sub, `${at}/${index}`, keyword)));
    }
  }
  return nodes;
}

/** Reads the value at a JSON pointer, or `undefined` when it does not exist. */
export function atPointer(root: unknown, pointer: string): unknown {
  if (pointer === '') return root;
  let current: unknown = root;
  for (const raw of pointer.slice(1).split('/')) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[token];
  }
  return current;
}
