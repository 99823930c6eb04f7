// The content model of an object schema (after the Confluent idea): which property names it
// admits beyond those it lists. Many verdicts turn on it: removing a property from a closed
// model breaks old data, from an open one it frees new data.

export type ContentModel = 'closed' | 'open' | 'partial';

export function contentModel(schema: Record<string, unknown>): ContentModel {
  const extra = schema.additionalProperties;
  if (schema.patternProperties !== undefined) return 'partial';
  if (extra === false) return 'closed';
  if (extra === undefined || extra === true) return 'open';
  return 'partial';
}

/** True when the node describes objects (type object, or object keywords without a type). */
export function describesObject(schema: Record<string, unknown>): boolean {
  const type = schema.type;
  if (type === 'object') return true;
  if (Array.isArray(type)) return type.includes('object');
  return type === undefined && (schema.properties !== undefined || schema.required !== undefined || schema.additionalProperties !== undefined);
}
