import { describe, expect, it } from 'vitest';
import { formatViolation, houseRules, lintSchemaSet } from '../../codegen/lint/index.js';
import { loadSchemaSet, type SchemaFile } from '../../codegen/schema-set.js';

const ID = 'https://lockstep.dev/schemas/v1/';

/** A minimal schema file that passes every rule; each negative case breaks exactly one. */
function goodSchema(): Record<string, unknown> {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `${ID}sample.schema.json`,
    title: 'Sample',
    description: 'A sample contract.',
    oneOf: [{ $ref: '#/$defs/Alpha' }, { $ref: '#/$defs/Beta' }],
    $defs: {
      Alpha: {
        title: 'Alpha',
        description: 'First branch.',
        type: 'object',
        additionalProperties: false,
        required: ['kind', 'size'],
        properties: {
          kind: { description: 'Tag.', type: 'string', const: 'ALPHA' },
          size: { description: 'A size.', type: 'number', exclusiveMinimum: 0, maximum: 10 },
          color: { description: 'A color.', type: 'string', enum: ['RED', 'BLUE'] },
        },
      },
      Beta: {
        title: 'Beta',
        description: 'Second branch.',
        type: 'object',
        additionalProperties: false,
        required: ['kind'],
        properties: { kind: { description: 'Tag.', type: 'string', const: 'BETA' } },
      },
    },
  };
}

function lint(schema: Record<string, unknown>) {
  const file: SchemaFile = { name: 'sample', fileName: 'sample.schema.json', schema };
  return lintSchemaSet({ files: [file] });
}

function edited(edit: (schema: any) => void): Record<string, unknown> {
  const schema = goodSchema();
  edit(schema);
  return schema;
}

const negatives: { rule: string; pointer: string; schema: Record<string, unknown> }[] = [
  { rule: 'schema-dialect', pointer: '/$schema', schema: edited((s) => (s.$schema = 'http://json-schema.org/draft-07/schema#')) },
  { rule: 'versioned-id', pointer: '/$id', schema: edited((s) => (s.$id = 'https://lockstep.dev/schemas/sample.schema.json')) },
  { rule: 'schema-documented', pointer: '/description', schema: edited((s) => delete s.description) },
  { rule: 'titled-defs', pointer: '/$defs/Beta', schema: edited((s) => delete s.$defs.Beta.title) },
  { rule: 'property-description', pointer: '/$defs/Alpha/properties/size', schema: edited((s) => delete s.$defs.Alpha.properties.size.description) },
  { rule: 'closed-object', pointer: '/$defs/Beta', schema: edited((s) => delete s.$defs.Beta.additionalProperties) },
  { rule: 'tagged-union', pointer: '/oneOf/1', schema: edited((s) => (s.oneOf[1] = { $ref: '#/$defs/Beta', description: 'x' })) },
  { rule: 'tagged-union', pointer: '/oneOf', schema: edited((s) => (s.$defs.Beta.properties.kind = { description: 'Tag.', type: 'string' })) },
  { rule: 'tagged-union', pointer: '/oneOf/1', schema: edited((s) => (s.$defs.Beta.properties.kind.const = 'ALPHA')) },
  { rule: 'strict-enum', pointer: '/$defs/Alpha/properties/color/enum/1', schema: edited((s) => (s.$defs.Alpha.properties.color.enum = ['RED', 'RED'])) },
  { rule: 'strict-enum', pointer: '/$defs/Alpha/properties/color/enum/0', schema: edited((s) => (s.$defs.Alpha.properties.color = { description: 'c', type: 'string', enum: [1] })) },
  { rule: 'numeric-bounds', pointer: '/$defs/Alpha/properties/size', schema: edited((s) => delete s.$defs.Alpha.properties.size.maximum) },
  { rule: 'numeric-bounds', pointer: '/$defs/Alpha/properties/size', schema: edited((s) => delete s.$defs.Alpha.properties.size.exclusiveMinimum) },
  {
    rule: 'no-prefix-items',
    pointer: '/$defs/Beta/properties/pair/prefixItems',
    schema: edited((s) => (s.$defs.Beta.properties.pair = { description: 'p', type: 'array', prefixItems: [{ type: 'boolean' }] })),
  },
  { rule: 'no-unevaluated', pointer: '/$defs/Beta/unevaluatedProperties', schema: edited((s) => (s.$defs.Beta.unevaluatedProperties = false)) },
  {
    rule: 'no-any-of',
    pointer: '/$defs/Beta/properties/either/anyOf',
    schema: edited((s) => (s.$defs.Beta.properties.either = { description: 'e', anyOf: [{ type: 'boolean' }, { type: 'string' }] })),
  },
  { rule: 'no-composition', pointer: '/$defs/Beta/allOf', schema: edited((s) => (s.$defs.Beta.allOf = [{ required: ['kind'] }])) },
  { rule: 'no-composition', pointer: '/$defs/Beta/not', schema: edited((s) => (s.$defs.Beta.not = { required: ['x'] })) },
  { rule: 'no-composition', pointer: '/$defs/Beta/if', schema: edited((s) => (s.$defs.Beta.if = { required: ['kind'] })) },
];

describe('schema lint (house rules)', () => {
  it('passes the real schemas', () => {
    const violations = lintSchemaSet(loadSchemaSet(process.cwd()));
    expect(violations.map(formatViolation)).toEqual([]);
  });

  it('passes the sample the negative cases start from', () => {
    expect(lint(goodSchema()).map(formatViolation)).toEqual([]);
  });

  it('has a negative case for every rule', () => {
    expect(new Set(negatives.map((n) => n.rule))).toEqual(new Set(houseRules.map((rule) => rule.name)));
  });

  for (const negative of negatives) {
    it(`${negative.rule} rejects with pointer ${negative.pointer}`, () => {
      const violations = lint(negative.schema);
      expect(violations.length, JSON.stringify(violations)).toBeGreaterThan(0);
      expect(violations.map((v) => ({ rule: v.rule, pointer: v.pointer, file: v.file }))).toContainEqual({
        rule: negative.rule,
        pointer: negative.pointer,
        file: 'schemas/sample.schema.json',
      });
      expect(formatViolation(violations[0]!)).toMatch(/^schemas\/sample\.schema\.json#\S* \[[a-z-]+\] ./);
    });
  }
});
