import { describe, expect, it } from 'vitest';
import {
  cellId,
  isLegalOrderCell,
  isLegalSlotCell,
  isTerminalOrderStatus,
  modePolicy,
  modeRule,
  orderCellIds,
  orderMatrix,
  slotCellIds,
  slotMatrix,
} from '../../generated/ts/tables.js';
import { loadSchemaSet } from '../../codegen/schema-set.js';

const set = loadSchemaSet(process.cwd());

describe('generated tables', () => {
  it('hold exactly the data files', () => {
    expect(slotMatrix).toEqual(set.slotMatrix);
    expect(orderMatrix).toEqual(set.orderMatrix);
    expect(modePolicy).toEqual(set.modePolicy);
  });

  it('list every cell once, for coverage', () => {
    expect(slotCellIds).toEqual(set.slotMatrix.cells.map((cell) => `${cell.from} --${cell.trigger}--> ${cell.to}`));
    expect(new Set(orderCellIds).size).toBe(set.orderMatrix.cells.length);
  });

  it('answer legality for every listed cell and refuse unlisted ones', () => {
    for (const cell of slotMatrix.cells) expect(isLegalSlotCell(cell.from, cell.trigger, cell.to), cellId(cell)).toBe(true);
    for (const cell of orderMatrix.cells) expect(isLegalOrderCell(cell.from, cell.trigger, cell.to), cellId(cell)).toBe(true);
    expect(isLegalSlotCell('IDLE', 'FILL', 'CLOSED')).toBe(false);
    expect(isLegalOrderCell('FILLED', 'CANCEL', 'CANCEL_PENDING')).toBe(false);
    for (const status of orderMatrix.terminal) {
      expect(isTerminalOrderStatus(status)).toBe(true);
      expect(orderMatrix.cells.filter((cell) => cell.from === status)).toEqual([]);
    }
  });

  it('give each mode its rule', () => {
    for (const rule of set.modePolicy.rules) expect(modeRule(rule.mode as 'live')).toEqual(rule);
    expect(modeRule('live').require_reconciled_account_for_entry).toBe(true);
  });
});
