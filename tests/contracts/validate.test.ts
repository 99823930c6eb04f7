import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contractsOf } from '../../codegen/model/contracts.js';
import { loadSchemaSet } from '../../codegen/schema-set.js';
import { enumValues } from '../../codegen/model/enums.js';
import { createAjv } from '../../codegen/ts/ajv-instance.js';
import { assertValid, ContractValidationError, isContractName, validate, type ContractName } from '../../src/contracts/index.js';
import { mutationsOf } from './support/mutations.js';
import { schemaArbitrary } from './support/schema-arbitrary.js';

const enter = {
  action: 'ENTER',
  intent_id: 'i-1',
  ts: 1_700_000_000_000,
  slot_id: 0,
  trade_id: 't-1',
  asset: 'BTC-USDT',
  side: 'LONG',
  order_type: 'MARKET',
  target_size: 1.5,
  leverage: 3,
  exit_leg_ratios: [0.5, 0.5],
};
const request = { op: 'intent', seq: 7, intent: enter };

function firstError(name: ContractName, value: unknown) {
  const result = validate(name, value);
  if (result.ok) throw new Error(`${name} unexpectedly valid: ${JSON.stringify(value)}`);
  return result.errors[0];
}

describe('validate: the first error and its path (docs/protocol.md)', () => {
  it('returns the value, typed, when valid', () => {
    const result = validate('EngineIntent', enter);
    expect(result).toEqual({ ok: true, value: enter });
  });

  it('required: the object pointer plus the first missing property in required order', () => {
    const { intent_id: _, ts: __, ...rest } = enter;
    expect(firstError('ProtocolRequest', { ...request, intent: rest })).toEqual({
      path: '/intent/intent_id',
      keyword: 'required',
      message: 'missing required property "intent_id" at /intent/intent_id',
    });
  });

  it('additionalProperties: the first unknown key in sorted order, not insertion order', () => {
    const value = { ...enter, zeta: 1, Alpha: 2, beta: 3 };
    expect(firstError('EngineIntent', value)).toMatchObject({ path: '/Alpha', keyword: 'additionalProperties' });
    expect(firstError('ProtocolRequest', { ...request, intent: value })?.path).toBe('/intent/Alpha');
  });

  it('escapes pointer tokens', () => {
    expect(firstError('EngineIntent', { ...enter, 'a/b~c': 1 })?.path).toBe('/a~1b~0c');
  });

  it('required comes before additionalProperties, which comes before properties', () => {
    const { trade_id: _, ...noTrade } = enter;
    expect(firstError('EngineIntent', { ...noTrade, extra: 1, target_size: -1 })?.keyword).toBe('required');
    expect(firstError('EngineIntent', { ...enter, extra: 1, target_size: -1 })?.keyword).toBe('additionalProperties');
  });

  it('a tagged union reports the tag, then only the selected branch', () => {
    expect(firstError('EngineIntent', { ...enter, action: 'JUMP' })).toEqual({
      path: '',
      keyword: 'discriminator',
      message: 'tag "action" must be one of "ENTER", "EXIT", "CANCEL", found "JUMP" at the root',
    });
    const { action: _, ...untagged } = enter;
    expect(firstError('ProtocolRequest', { ...request, intent: untagged })).toMatchObject({ path: '/intent', keyword: 'discriminator' });
    // An EXIT intent with ENTER-only fields fails in the EXIT branch, on the first unknown key.
    expect(firstError('EngineIntent', { ...enter, action: 'EXIT' })).toMatchObject({ path: '/asset', keyword: 'additionalProperties' });
  });

  it('type before anything else at a union, and for non-objects', () => {
    expect(firstError('EngineIntent', null)).toMatchObject({ path: '', keyword: 'type' });
    expect(firstError('EngineIntent', [enter])).toMatchObject({ path: '', keyword: 'type' });
    expect(firstError('ProtocolRequest', { ...request, intent: 'ENTER' })).toMatchObject({ path: '/intent', keyword: 'type' });
  });

  it('scalars: type, enum, bounds, lengths, patterns, with the value in the message', () => {
    expect(firstError('EngineIntent', { ...enter, slot_id: 1.5 })).toMatchObject({ path: '/slot_id', keyword: 'type' });
    expect(firstError('EngineIntent', { ...enter, side: 'UP' })).toEqual({
      path: '/side',
      keyword: 'enum',
      message: 'must be one of "LONG", "SHORT", found "UP" at /side',
    });
    expect(firstError('ProtocolRequest', { ...request, intent: { ...enter, target_size: 0 } })).toEqual({
      path: '/intent/target_size',
      keyword: 'exclusiveMinimum',
      message: 'must be > 0, found 0 at /intent/target_size',
    });
    expect(firstError('EngineIntent', { ...enter, slot_id: 1024 })).toMatchObject({ path: '/slot_id', keyword: 'maximum' });
    expect(firstError('EngineIntent', { ...enter, intent_id: '' })).toMatchObject({ path: '/intent_id', keyword: 'minLength' });
    expect(firstError('EngineIntent', { ...enter, intent_id: 'has space' })).toMatchObject({ path: '/intent_id', keyword: 'pattern' });
    // Lengths count code points: 128 astral characters are 256 UTF-16 units but 128 code points.
    expect(firstError('EngineIntent', { ...enter, reason: '😀'.repeat(513) })).toMatchObject({ path: '/reason', keyword: 'maxLength' });
    expect(validate('EngineIntent', { ...enter, reason: '😀'.repeat(512) }).ok).toBe(true);
  });

  it('arrays: maxItems, minItems, then items in index order', () => {
    expect(firstError('EngineIntent', { ...enter, exit_leg_ratios: [] })).toMatchObject({ path: '/exit_leg_ratios', keyword: 'minItems' });
    expect(firstError('EngineIntent', { ...enter, exit_leg_ratios: Array(17).fill(0.01) })).toMatchObject({ keyword: 'maxItems' });
    expect(firstError('EngineIntent', { ...enter, exit_leg_ratios: [0.5, 2, -1] })).toMatchObject({
      path: '/exit_leg_ratios/1',
      keyword: 'maximum',
    });
  });
});

describe('assertValid and names', () => {
  it('returns the typed value or throws ContractValidationError listing the errors', () => {
    expect(assertValid('EngineIntent', enter).action).toBe('ENTER');
    let thrown: unknown;
    try {
      assertValid('EngineIntent', { ...enter, side: 'UP' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ContractValidationError);
    expect((thrown as ContractValidationError).errors[0]?.path).toBe('/side');
    expect((thrown as Error).message).toBe('invalid EngineIntent: must be one of "LONG", "SHORT", found "UP" at /side');
  });

  it('refuses an unknown contract name loudly', () => {
    expect(isContractName('EngineIntent')).toBe(true);
    expect(isContractName('Vocabulary')).toBe(false);
    expect(() => validate('Nope' as ContractName, {})).toThrow(/unknown contract "Nope"/);
  });
});

describe('one negative example per enum of the vocabulary', () => {
  const set = loadSchemaSet(process.cwd());
  const ajv = createAjv(set);
  const vocabulary = set.files.find((file) => file.name === 'vocabulary');
  const enumTitles = Object.values<{ title: string; enum?: unknown }>(vocabulary?.schema.$defs ?? {})
    .filter((def) => Array.isArray(def.enum))
    .map((def) => def.title);
  // Where each enum is used: the first contract value (from schema-derived samples) holding it.
  const found = new Map<string, { contract: ContractName; value: unknown; path: string }>();
  for (const contract of contractsOf(set)) {
    const samples = fc.sample(schemaArbitrary(set, contract.file, contract.file.schema), { numRuns: 40, seed: 7 });
    for (const sample of samples) {
      for (const pending of mutationsOf(set, contract.file, sample)) {
        if (pending.kind !== 'wrong-enum') continue;
        const mutation = pending.apply();
        const title = mutation.titles[mutation.titles.length - 1] ?? '';
        if (!found.has(title)) found.set(title, { contract: contract.name as ContractName, value: mutation.value, path: mutation.expectedPath });
      }
    }
  }

  it('knows the vocabulary enums', () => {
    expect(enumTitles.length).toBeGreaterThan(10);
    expect(enumValues(set, 'TradeStage')).toContain('IDLE');
  });

  for (const title of enumTitles) {
    it(`${title}: a value outside the enum is rejected at its path`, () => {
      const example = found.get(title);
      if (example === undefined) {
        // No contract field uses this enum (tags are consts): check the definition itself.
        const check = ajv.getSchema(`${vocabulary?.schema.$id}#/$defs/${title}`);
        if (check === undefined) throw new Error(`enum ${title}: no definition to check`);
        expect(check('NOT_A_MEMBER')).toBe(false);
        expect(check.errors?.[0]).toMatchObject({ instancePath: '', keyword: 'enum' });
        expect(check(enumValues(set, title)[0])).toBe(true);
        return;
      }
      expect(firstError(example.contract, example.value)).toMatchObject({ path: example.path, keyword: 'enum' });
    });
  }
});
