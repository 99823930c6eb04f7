// The slot and order matrices as the heatmaps draw them: states as rows, triggers as columns.
import type { Matrix } from '../../generated/ts/types.js';
import { orderMatrix, slotMatrix } from '../../generated/ts/tables.js';
import { cellKey, type MatrixName } from '../fuzz/matrix-coverage.js';

interface MatrixTable {
  readonly machine: string;
  readonly states: readonly string[];
  readonly cells: readonly { from: string; trigger: string; to: string; description: string }[];
}

function toMatrix(table: MatrixTable): Matrix {
  const triggers: string[] = [];
  for (const c of table.cells) if (!triggers.includes(c.trigger)) triggers.push(c.trigger);
  return {
    machine: table.machine === 'SLOT' ? 'SLOT' : 'ORDER',
    states: [...table.states],
    triggers,
    cells: table.cells.map((c) => ({ from: c.from, trigger: c.trigger, to: c.to, description: c.description })),
  };
}

export const reportMatrices: readonly Matrix[] = [toMatrix(slotMatrix as MatrixTable), toMatrix(orderMatrix as MatrixTable)];

export const legalCells: Readonly<Record<MatrixName, ReadonlySet<string>>> = {
  slot: new Set(reportMatrices[0]!.cells.map((c) => cellKey(c.from, c.trigger, c.to))),
  order: new Set(reportMatrices[1]!.cells.map((c) => cellKey(c.from, c.trigger, c.to))),
};
