// What one matrix cell is in one view, in words as well as colour.
import type { CellCount, MatrixCell } from '../../../generated/ts/types.js';

export type CellState = 'gap' | 'exercised' | 'diverged' | 'illegal';

export function cellState(legal: boolean, count: CellCount | undefined): CellState {
  if (!legal) return 'illegal';
  if (count?.diverged) return 'diverged';
  return count !== undefined && count.count > 0 ? 'exercised' : 'gap';
}

/** Shade 1..5 on a log scale of the view's largest count, so rare cells still show. */
export function heatLevel(count: number, max: number): number {
  if (count <= 0 || max <= 0) return 0;
  return 1 + Math.min(4, Math.floor((Math.log(count) / Math.log(Math.max(2, max))) * 4.999));
}

export function cellSentence(cell: Pick<MatrixCell, 'from' | 'trigger' | 'to'>, state: CellState, count: CellCount | undefined): string {
  const name = `${cell.from} -${cell.trigger}-> ${cell.to}`;
  const n = count?.count ?? 0;
  const by = count && count.reached_by_total > 0 ? ` by ${count.reached_by_total} fixture(s) or run(s)` : '';
  switch (state) {
    case 'gap':
      return `${name}: allowed but never exercised`;
    case 'exercised':
      return `${name}: exercised ${n} time(s)${by}`;
    case 'diverged':
      return `${name}: diverged (exercised ${n} time(s)${by})`;
    case 'illegal':
      return `${name}: NOT in the matrix, yet taken ${n} time(s)${by}`;
  }
}

export const cellKey = (c: Pick<MatrixCell, 'from' | 'trigger' | 'to'>): string => `${c.from} -${c.trigger}-> ${c.to}`;
