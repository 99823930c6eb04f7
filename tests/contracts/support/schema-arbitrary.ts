import fc from 'fast-check';
import { resolveRef } from '../../../codegen/model/resolve.js';
import type { SchemaFile, SchemaSet } from '../../../codegen/schema-set.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/** Beyond this depth arrays take their minimum length, so nested contracts stay small. */
const ARRAY_DEPTH_MAX = 3;
/** Extra items an array may take beyond its minItems. */
const ARRAY_EXTRA_ITEMS_MAX = 2;
/** Longest free-text string generated (a schema's maxLength may be far larger). */
const TEXT_LENGTH_MAX = 12;

function codePoints(text: string): number {
  return [...text].length;
}

function stringArbitrary(schema: Json): fc.Arbitrary<string> {
  const minLength: number = schema.minLength ?? 0;
  const maxLength: number = schema.maxLength ?? Number.POSITIVE_INFINITY;
  if (typeof schema.pattern === 'string') {
    // The patterns are short and bounded; the filter only trims the rare overlong match.
    return fc
      .stringMatching(new RegExp(schema.pattern, 'u'), { size: 'xsmall' })
      .filter((text) => codePoints(text) >= minLength && codePoints(text) <= maxLength);
  }
  return fc.string({ unit: 'binary', minLength, maxLength: Math.min(maxLength, Math.max(minLength, TEXT_LENGTH_MAX)) });
}

function numberArbitrary(schema: Json): fc.Arbitrary<number> {
  const min: number = schema.exclusiveMinimum ?? schema.minimum;
  const max: number = schema.exclusiveMaximum ?? schema.maximum;
  if (schema.type === 'integer') {
    const low = BigInt(Math.ceil(schema.exclusiveMinimum !== undefined ? min + 1 : min));
    const high = BigInt(Math.floor(schema.exclusiveMaximum !== undefined ? max - 1 : max));
    return fc.bigInt({ min: low, max: high }).map(Number);
  }
  return fc.double({
    min,
    max,
    minExcluded: schema.exclusiveMinimum !== undefined,
    maxExcluded: schema.exclusiveMaximum !== undefined,
    noNaN: true,
    noDefaultInfinity: true,
  });
}

/**
 * A fast-check arbitrary of values valid against `schema` (as written in `file`), for the
 * subset of JSON Schema the house rules allow: objects, tagged unions, enums, consts,
 * bounded numbers, strings with patterns, arrays.
 */
export function schemaArbitrary(set: SchemaSet, file: SchemaFile, schema: Json, depth = 0): fc.Arbitrary<unknown> {
  if (typeof schema.$ref === 'string') {
    const target = resolveRef(set, file, schema.$ref);
    if (target === undefined) throw new Error(`dangling $ref ${schema.$ref} in ${file.fileName}`);
    return schemaArbitrary(set, target.file, target.schema, depth);
  }
  if (Array.isArray(schema.oneOf)) {
    return fc.oneof(...schema.oneOf.map((branch: Json) => schemaArbitrary(set, file, branch, depth)));
  }
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...schema.enum);
  switch (schema.type) {
    case 'object': {
      const shape: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [name, property] of Object.entries<Json>(schema.properties ?? {})) {
        shape[name] = schemaArbitrary(set, file, property, depth + 1);
      }
      return fc.record(shape, { requiredKeys: schema.required ?? [], noNullPrototype: true });
    }
    case 'array': {
      const minLength: number = schema.minItems ?? 0;
      const maxLength = depth >= ARRAY_DEPTH_MAX ? minLength : Math.min(schema.maxItems ?? minLength + 2, minLength + ARRAY_EXTRA_ITEMS_MAX);
      return fc.array(schemaArbitrary(set, file, schema.items ?? {}, depth + 1), { minLength, maxLength });
    }
    case 'string':
      return stringArbitrary(schema);
    case 'number':
    case 'integer':
      return numberArbitrary(schema);
    case 'boolean':
      return fc.boolean();
    default:
      throw new Error(`schemaArbitrary: unsupported schema in ${file.fileName}: ${JSON.stringify(schema).slice(0, 120)}`);
  }
}
