import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contractsOf } from '../../codegen/model/contracts.js';
import { loadSchemaSet } from '../../codegen/schema-set.js';
import * as compiled from '../../generated/ts/validators.js';
import type { CompiledValidator } from '../../generated/ts/validators.js';
import { validate, type ContractName } from '../../src/contracts/index.js';
import { mutationsOf } from './support/mutations.js';
import { schemaArbitrary } from './support/schema-arbitrary.js';
import { typeboxValidators } from './support/typebox-validators.js';

const set = loadSchemaSet(process.cwd());
const contracts = contractsOf(set);
const typebox = typeboxValidators(set);
const ajv = compiled as unknown as Record<string, CompiledValidator<unknown>>;

/** Runs per contract; enough to reach every union branch of the larger contracts. */
const RUNS_PER_CONTRACT = 60;

describe('ajv (ahead of time) and typebox (compiled from the raw schemas) agree', () => {
  it('covers every contract', () => {
    expect(contracts.map((contract) => contract.name).sort()).toEqual(Object.keys(ajv).sort());
  });

  for (const contract of contracts) {
    it(`${contract.name}: valid values and near-valid mutations`, () => {
      const arbitrary = schemaArbitrary(set, contract.file, contract.file.schema).chain((value) =>
        fc.record({ value: fc.constant(value), pick: fc.nat() }),
      );
      const ajvCheck = ajv[contract.name] as CompiledValidator<unknown>;
      const typeboxCheck = typebox.get(contract.name) as (value: unknown) => boolean;
      fc.assert(
        fc.property(arbitrary, ({ value, pick }) => {
          expect(ajvCheck(value), `ajv rejects a generated valid ${contract.name}: ${JSON.stringify(ajvCheck.errors?.[0])}`).toBe(true);
          expect(typeboxCheck(value), `typebox rejects a generated valid ${contract.name}`).toBe(true);
          const mutations = mutationsOf(set, contract.file, value);
          const pending = mutations[pick % mutations.length];
          if (pending === undefined) throw new Error(`${contract.name}: no mutation of ${JSON.stringify(value)}`);
          const mutation = pending.apply();
          const reproduce = `${mutation.kind} at ${mutation.expectedPath}: ${JSON.stringify(mutation.value).slice(0, 400)}`;
          expect(ajvCheck(mutation.value), `ajv accepts ${reproduce}`).toBe(false);
          expect(typeboxCheck(mutation.value), `typebox accepts ${reproduce}`).toBe(false);
          const result = validate(contract.name as ContractName, mutation.value);
          expect(result.ok ? null : result.errors[0], reproduce).toMatchObject({
            path: mutation.expectedPath,
            keyword: mutation.expectedKeyword,
          });
        }),
        { numRuns: RUNS_PER_CONTRACT, seed: 20261121 + contract.name.length },
      );
    });
  }
});
