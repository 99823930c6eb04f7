// Counts matrix cells for one coverage view: how often each cell was taken, by which fixtures
// or scenarios, and whether a divergence happened at a step that took it.
import type { CellCount } from '../../generated/ts/types.js';
import { cellKey } from '../fuzz/matrix-coverage.js';

/** Names kept per cell in the page (the total is kept too). */
export const REACHED_BY_MAX = 100;

interface Tally {
  from: string;
  trigger: string;
  to: string;
  count: number;
  diverged: boolean;
  names: Set<string>;
}

export class CellTally {
  private readonly cells = new Map<string, Tally>();

  constructor(private readonly legal: ReadonlySet<string>) {}

  private cell(from: string, trigger: string, to: string): Tally {
    const key = cellKey(from, trigger, to);
    let t = this.cells.get(key);
    if (t === undefined) {
      t = { from, trigger, to, count: 0, diverged: false, names: new Set() };
      this.cells.set(key, t);
    }
    return t;
  }

  add(from: string, trigger: string, to: string, count: number, reachedBy?: string): void {
    const t = this.cell(from, trigger, to);
    t.count += count;
    if (reachedBy !== undefined) t.names.add(reachedBy);
  }

  markDiverged(from: string, trigger: string, to: string, reachedBy: string): void {
    const t = this.cell(from, trigger, to);
    t.diverged = true;
    t.names.add(reachedBy);
  }

  /** The cells in a stable order (by key), names sorted. */
  toCells(): CellCount[] {
    return [...this.cells.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, t]) => {
        const names = [...t.names].sort();
        return {
          from: t.from,
          trigger: t.trigger,
          to: t.to,
          count: t.count,
          legal: this.legal.has(key),
          diverged: t.diverged,
          reached_by: names.slice(0, REACHED_BY_MAX),
          reached_by_total: names.length,
        };
      });
  }
}
