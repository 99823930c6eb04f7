// The catalogue of schema changes: each with the rule ids it must raise and whether it breaks
// BACKWARD (new readers, old data) and FORWARD (old readers, new data). Cases whose expected
// rule list is empty are near-misses: a change that looks alike but must not fire.
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/compat/rules.js';
import { check, objWith, setOf } from './catalogue-support.js';

type Case = [name: string, oldRoot: object, newRoot: object, rules: string[], backward: boolean, forward: boolean];

const S = { type: 'string' };
const I = (extra: object = {}): object => ({ type: 'integer', minimum: 0, maximum: 100, ...extra });
const N = (extra: object = {}): object => ({ type: 'number', minimum: 0, maximum: 100, ...extra });
const E = (...values: string[]): object => ({ type: 'string', enum: values });
const P = (old: object, now: object): [object, object] => [objWith(old), objWith(now)];

const variant = (tag: string, more: Record<string, object> = {}): object => ({
  type: 'object',
  additionalProperties: false,
  required: ['kind'],
  properties: { kind: { type: 'string', const: tag }, ...more },
});
const union = (...vs: object[]): object => ({ oneOf: vs });

const cases: Case[] = [
  // enums
  ['enum value added', ...P(E('A', 'B'), E('A', 'B', 'C')), ['ENUM_VALUE_ADDED'], false, true],
  ['enum value removed', ...P(E('A', 'B'), E('A')), ['ENUM_VALUE_REMOVED'], true, false],
  ['enum reordered (near miss)', ...P(E('A', 'B'), E('B', 'A')), [], false, false],
  ['enum added to a free string', ...P(S, E('A')), ['ENUM_ADDED'], true, false],
  ['enum dropped', ...P(E('A'), S), ['ENUM_DROPPED'], false, true],
  ['enum renamed value', ...P(E('A', 'B'), E('A', 'C')), ['ENUM_VALUE_ADDED', 'ENUM_VALUE_REMOVED'], true, true],
  // consts
  ['const changed', ...P({ type: 'string', const: 'X' }, { type: 'string', const: 'Y' }), ['CONST_CHANGED'], true, true],
  ['const unchanged (near miss)', ...P({ type: 'string', const: 'X' }, { type: 'string', const: 'X' }), [], false, false],
  ['const added', ...P(S, { type: 'string', const: 'X' }), ['CONST_ADDED'], true, false],
  ['const dropped', ...P({ type: 'string', const: 'X' }, S), ['CONST_DROPPED'], false, true],
  ['const widened to enum', ...P({ type: 'string', const: 'X' }, E('X', 'Y')), ['ENUM_VALUE_ADDED'], false, true],
  // types
  ['integer to number', ...P(I(), N()), ['INTEGER_TO_NUMBER'], false, true],
  ['number to integer', ...P(N(), I()), ['NUMBER_TO_INTEGER'], true, false],
  ['string to integer', ...P(S, I()), ['TYPE_NARROWED', 'TYPE_WIDENED'], true, true],
  ['type widened with null', ...P(S, { type: ['string', 'null'] }), ['TYPE_WIDENED'], false, true],
  ['type narrowed from null', ...P({ type: ['string', 'null'] }, S), ['TYPE_NARROWED'], true, false],
  ['type as array of one (near miss)', ...P(S, { type: ['string'] }), [], false, false],
  // numeric bounds
  ['minimum raised', ...P(I(), I({ minimum: 1 })), ['NUMERIC_LOWER_BOUND_TIGHTENED'], true, false],
  ['minimum lowered', ...P(I({ minimum: 1 }), I()), ['NUMERIC_LOWER_BOUND_LOOSENED'], false, true],
  ['maximum lowered', ...P(I(), I({ maximum: 99 })), ['NUMERIC_UPPER_BOUND_TIGHTENED'], true, false],
  ['maximum raised', ...P(I(), I({ maximum: 101 })), ['NUMERIC_UPPER_BOUND_LOOSENED'], false, true],
  ['minimum made exclusive', ...P(N(), { type: 'number', exclusiveMinimum: 0, maximum: 100 }), ['NUMERIC_LOWER_BOUND_TIGHTENED'], true, false],
  ['exclusive minimum made inclusive', ...P({ type: 'number', exclusiveMinimum: 0, maximum: 100 }, N()), ['NUMERIC_LOWER_BOUND_LOOSENED'], false, true],
  ['integer exclusiveMinimum 0 as minimum 1 (near miss)', ...P({ type: 'integer', exclusiveMinimum: 0, maximum: 100 }, I({ minimum: 1 })), [], false, false],
  ['maximum dropped', ...P(N(), { type: 'number', minimum: 0 }), ['NUMERIC_UPPER_BOUND_LOOSENED'], false, true],
  ['maximum added', ...P({ type: 'number', minimum: 0 }, N()), ['NUMERIC_UPPER_BOUND_TIGHTENED'], true, false],
  ['bounds unchanged, description changed (near miss)', ...P(N(), N({ description: 'now documented' })), [], false, false],
  // strings
  ['minLength raised', ...P({ type: 'string', minLength: 1 }, { type: 'string', minLength: 2 }), ['MIN_LENGTH_INCREASED'], true, false],
  ['minLength lowered', ...P({ type: 'string', minLength: 2 }, { type: 'string', minLength: 1 }), ['MIN_LENGTH_DECREASED'], false, true],
  ['maxLength lowered', ...P({ type: 'string', maxLength: 10 }, { type: 'string', maxLength: 9 }), ['MAX_LENGTH_DECREASED'], true, false],
  ['maxLength raised', ...P({ type: 'string', maxLength: 10 }, { type: 'string', maxLength: 11 }), ['MAX_LENGTH_INCREASED'], false, true],
  ['minLength 0 made explicit (near miss)', ...P(S, { type: 'string', minLength: 0 }), [], false, false],
  ['pattern added', ...P(S, { type: 'string', pattern: '^[a-z]+$' }), ['PATTERN_ADDED'], true, false],
  ['pattern dropped', ...P({ type: 'string', pattern: '^[a-z]+$' }, S), ['PATTERN_DROPPED'], false, true],
  ['pattern changed', ...P({ type: 'string', pattern: '^[a-z]+$' }, { type: 'string', pattern: '^[a-z0-9]+$' }), ['PATTERN_CHANGED'], true, true],
  ['pattern unchanged (near miss)', ...P({ type: 'string', pattern: '^[a-z]+$' }, { type: 'string', pattern: '^[a-z]+$', description: 'd' }), [], false, false],
  // arrays
  ['minItems raised', ...P({ type: 'array', items: S, minItems: 0 }, { type: 'array', items: S, minItems: 1 }), ['MIN_ITEMS_INCREASED'], true, false],
  ['minItems lowered', ...P({ type: 'array', items: S, minItems: 1 }, { type: 'array', items: S, minItems: 0 }), ['MIN_ITEMS_DECREASED'], false, true],
  ['maxItems lowered', ...P({ type: 'array', items: S, maxItems: 4 }, { type: 'array', items: S, maxItems: 3 }), ['MAX_ITEMS_DECREASED'], true, false],
  ['maxItems raised', ...P({ type: 'array', items: S, maxItems: 4 }, { type: 'array', items: S, maxItems: 5 }), ['MAX_ITEMS_INCREASED'], false, true],
  ['item type changed', ...P({ type: 'array', items: I() }, { type: 'array', items: N() }), ['INTEGER_TO_NUMBER'], false, true],
  ['uniqueItems added', ...P({ type: 'array', items: S }, { type: 'array', items: S, uniqueItems: true }), ['UNIQUE_ITEMS_ADDED'], true, false],
  ['uniqueItems dropped', ...P({ type: 'array', items: S, uniqueItems: true }, { type: 'array', items: S }), ['UNIQUE_ITEMS_DROPPED'], false, true],
  // objects and content models
  ['optional property added to a closed object', objWith(undefined), objWith(S, { required: false }), ['PROPERTY_ADDED_TO_CLOSED_MODEL'], false, true],
  ['required property added to a closed object', objWith(undefined), objWith(S), ['PROPERTY_ADDED_TO_CLOSED_MODEL', 'REQUIRED_PROPERTY_ADDED'], true, true],
  ['optional property added to an open object', objWith(undefined, { closed: false }), objWith(S, { required: false, closed: false }), ['PROPERTY_ADDED_TO_OPEN_MODEL'], true, false],
  ['required property added to an open object', objWith(undefined, { closed: false }), objWith(S, { closed: false }), ['PROPERTY_ADDED_TO_OPEN_MODEL', 'REQUIRED_PROPERTY_ADDED'], true, false],
  ['optional property removed from a closed object', objWith(S, { required: false }), objWith(undefined), ['PROPERTY_REMOVED_FROM_CLOSED_MODEL'], true, false],
  ['required property removed from a closed object', objWith(S), objWith(undefined), ['PROPERTY_REMOVED_FROM_CLOSED_MODEL', 'REQUIRED_PROPERTY_DROPPED'], true, true],
  ['optional property removed from an open object', objWith(S, { required: false, closed: false }), objWith(undefined, { closed: false }), ['PROPERTY_REMOVED_FROM_OPEN_MODEL'], false, true],
  ['property made optional', objWith(S), objWith(S, { required: false }), ['REQUIRED_PROPERTY_DROPPED'], false, true],
  ['property made required', objWith(S, { required: false }), objWith(S), ['REQUIRED_PROPERTY_ADDED'], true, false],
  ['object closed', objWith(S, { closed: false }), objWith(S), ['CONTENT_MODEL_CLOSED'], true, false],
  ['object opened', objWith(S), objWith(S, { closed: false }), ['CONTENT_MODEL_OPENED'], false, true],
  ['properties reordered (near miss)', objWith(S, { more: { q: S } }), { ...objWith(S, { more: { q: S } }), properties: { q: S, p: S, id: S } }, [], false, false],
  ['required reordered (near miss)', objWith(S), { ...objWith(S), required: ['p', 'id'] }, [], false, false],
  // unions matched by tag
  ['variant added to a closed union', union(variant('A'), variant('B')), union(variant('A'), variant('B'), variant('C')), ['UNION_VARIANT_ADDED'], false, true],
  ['variant removed from a closed union', union(variant('A'), variant('B')), union(variant('A')), ['UNION_VARIANT_REMOVED'], true, false],
  ['variant renamed (tag value changed)', union(variant('A'), variant('B')), union(variant('A'), variant('Z')), ['UNION_VARIANT_ADDED', 'UNION_VARIANT_REMOVED'], true, true],
  ['variants reordered (near miss)', union(variant('A'), variant('B')), union(variant('B'), variant('A')), [], false, false],
  ['variant gains a required field (matched by tag, reordered)', union(variant('A'), variant('B')), union(variant('B', { x: S }), variant('A')).valueOf() as object, ['PROPERTY_ADDED_TO_CLOSED_MODEL'], false, true],
  ['union tag property renamed', union(variant('A'), variant('B')), union({ ...variant('A'), required: ['type'], properties: { type: { type: 'string', const: 'A' } } }, { ...variant('B'), required: ['type'], properties: { type: { type: 'string', const: 'B' } } }), ['UNION_TAG_CHANGED'], true, true],
  ['untagged union changed', union(S, I()), union(S, N()), ['UNION_UNTAGGED'], true, true],
  ['untagged union unchanged (near miss)', union(S, I()), union(S, I()), [], false, false],
  // annotations, defaults, unmodelled keywords
  ['title changed', { ...objWith(S), title: 'T' }, { ...objWith(S), title: 'U' }, ['TITLE_CHANGED'], true, true],
  ['description changed (near miss)', { ...objWith(S), description: 'a' }, { ...objWith(S), description: 'b' }, [], false, false],
  ['default changed', ...P({ type: 'string', default: 'a' }, { type: 'string', default: 'b' }), ['DEFAULT_CHANGED'], false, false],
  ['multipleOf added (unmodelled, fail closed)', ...P(I(), I({ multipleOf: 2 })), ['UNMODELLED_KEYWORD_CHANGED'], true, true],
  ['multipleOf unchanged (near miss)', ...P(I({ multipleOf: 2 }), I({ multipleOf: 2 })), [], false, false],
  ['format changed (unmodelled)', ...P({ type: 'string', format: 'date' }, { type: 'string', format: 'date-time' }), ['UNMODELLED_KEYWORD_CHANGED'], true, true],
  ['$id changed', { $id: 'https://lockstep.dev/schemas/v2/t.schema.json', ...objWith(S) }, objWith(S), ['SCHEMA_ID_CHANGED'], true, true],
];

describe('compat catalogue', () => {
  it('holds at least 60 changes and at least 30 rules', () => {
    expect(cases.length).toBeGreaterThanOrEqual(60);
    expect(RULES.length).toBeGreaterThanOrEqual(30);
    for (const r of RULES) expect(r.id).toMatch(/^[A-Z][A-Z0-9_]*$/);
  });
  it.each(cases)('%s', (_name, oldRoot, newRoot, rules, backward, forward) => {
    const out = check(setOf('old', oldRoot), setOf('new', newRoot));
    expect(out.rules).toEqual([...rules].sort());
    expect({ backward: out.backward, forward: out.forward }).toEqual({ backward, forward });
  });
});

describe('rule documentation', () => {
  it('docs/compat.md lists every rule id', async () => {
    const { readFileSync } = await import('node:fs');
    const doc = readFileSync(new URL('../../docs/compat.md', import.meta.url), 'utf8');
    for (const r of RULES) expect(doc, r.id).toContain(`\`${r.id}\``);
  });
});
