/**
 * Which legal cells of the two transition matrices a fuzz run exercised, counted from the
 * transitions in the responses (SLOT and ORDER records; RECONCILE field changes are not
 * matrix cells). Cells are keyed `FROM -TRIGGER-> TO`. The refusals of the same responses
 * ride along (`refusal-coverage.ts`), so that they travel and merge wherever cells do.
 */
import { orderMatrix, slotMatrix } from '../../generated/ts/tables.js';
import { RefusalCoverage } from './refusal-coverage.js';

export type MatrixName = 'slot' | 'order';

export interface CellCoverage {
  readonly hit: number;
  readonly legal: number;
  readonly missed: readonly string[];
}

export const cellKey = (from: string, trigger: string, to: string): string => `${from} -${trigger}-> ${to}`;

const legalCells: Record<MatrixName, readonly string[]> = {
  slot: slotMatrix.cells.map((c: { from: string; trigger: string; to: string }) => cellKey(c.from, c.trigger, c.to)),
  order: orderMatrix.cells.map((c: { from: string; trigger: string; to: string }) => cellKey(c.from, c.trigger, c.to)),
};

export interface CoverageJson {
  slot: Record<string, number>;
  order: Record<string, number>;
  refusals?: Record<string, number>;
}

export class MatrixCoverage {
  readonly hits: Record<MatrixName, Map<string, number>> = { slot: new Map(), order: new Map() };
  readonly refusals = new RefusalCoverage();

  /** Counts one whole response line (parsed): its transitions and its refusal, if any. */
  addResponse(response: unknown): void {
    this.addResult((response as { result?: unknown } | undefined)?.result);
    this.refusals.add(response);
  }

  /** Counts the transitions of one step result (any object with `outcome.transitions`). */
  addResult(result: unknown): void {
    const transitions = (result as { outcome?: { transitions?: unknown } } | undefined)?.outcome?.transitions;
    if (!Array.isArray(transitions)) return;
    for (const t of transitions as { machine?: string; from?: string; trigger?: string; to?: string }[]) {
      const matrix = t.machine === 'SLOT' ? 'slot' : t.machine === 'ORDER' ? 'order' : undefined;
      if (matrix === undefined) continue;
      const key = cellKey(String(t.from), String(t.trigger), String(t.to));
      this.hits[matrix].set(key, (this.hits[matrix].get(key) ?? 0) + 1);
    }
  }

  /** Counts every step result in a list of response lines (already parsed). */
  addResponses(responses: readonly unknown[]): void {
    for (const r of responses) this.addResponse(r);
  }

  merge(other: CoverageJson): void {
    for (const m of ['slot', 'order'] as const) {
      for (const [k, n] of Object.entries(other[m])) this.hits[m].set(k, (this.hits[m].get(k) ?? 0) + n);
    }
    if (other.refusals !== undefined) this.refusals.merge(other.refusals);
  }

  toJSON(): Required<CoverageJson> {
    const obj = (m: Map<string, number>) => Object.fromEntries([...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    return { slot: obj(this.hits.slot), order: obj(this.hits.order), refusals: this.refusals.toJSON() };
  }

  coverage(matrix: MatrixName): CellCoverage {
    const legal = legalCells[matrix];
    const missed = legal.filter((k) => !this.hits[matrix].has(k));
    return { hit: legal.length - missed.length, legal: legal.length, missed };
  }

  /** Cells seen that the matrix does not list (each is an invariant violation already reported per step). */
  illegal(matrix: MatrixName): string[] {
    const legal = new Set(legalCells[matrix]);
    return [...this.hits[matrix].keys()].filter((k) => !legal.has(k));
  }
}
