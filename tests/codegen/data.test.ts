import { describe, expect, it } from 'vitest';
import { checkData } from '../../codegen/data/check-data.js';
import { loadSchemaSet, type SchemaSet } from '../../codegen/schema-set.js';
import { createAjv } from '../../codegen/ts/ajv-instance.js';

const real = loadSchemaSet(process.cwd());
const ajv = createAjv(real);

function variant(edit: (set: any) => void): SchemaSet {
  const set = structuredClone(real) as any;
  edit(set);
  return set;
}

describe('data tables checked by codegen', () => {
  it('accepts the real matrices and mode policy', () => {
    expect(checkData(real, ajv)).toEqual([]);
  });

  const cases: { name: string; file: string; pointer: string; edit: (set: any) => void }[] = [
    { name: 'schema: an unknown trigger', file: 'schemas/data/slot.matrix.json', pointer: '/cells/0/trigger', edit: (s) => (s.slotMatrix.cells[0].trigger = 'TELEPORT') },
    { name: 'schema: an extra field', file: 'schemas/data/order.matrix.json', pointer: '', edit: (s) => (s.orderMatrix.note = 'x') },
    {
      name: 'a terminal state with an outgoing cell',
      file: 'schemas/data/order.matrix.json',
      pointer: '/cells/0/from',
      edit: (s) => (s.orderMatrix.cells[0].from = 'FILLED'),
    },
    { name: 'a duplicate cell', file: 'schemas/data/slot.matrix.json', pointer: '/cells/1', edit: (s) => (s.slotMatrix.cells[1] = { ...s.slotMatrix.cells[0] }) },
    { name: 'a state not listed', file: 'schemas/data/slot.matrix.json', pointer: '/states', edit: (s) => s.slotMatrix.states.pop() },
    { name: 'a mode twice', file: 'schemas/data/mode.policy.json', pointer: '/rules/1/mode', edit: (s) => (s.modePolicy.rules[1].mode = s.modePolicy.rules[0].mode) },
  ];
  for (const testCase of cases) {
    it(`rejects ${testCase.name} at ${testCase.file}#${testCase.pointer}`, () => {
      const violations = checkData(variant(testCase.edit), ajv);
      expect(violations.map((v) => [v.file, v.pointer])).toContainEqual([testCase.file, testCase.pointer]);
    });
  }
});
