// What one adapter contributes to the page; build-report-data.ts merges the parts.
import type { CoverageView, DivergenceGroup, Finding, Gate, Timeline } from '../../generated/ts/types.js';

export interface ReportPart {
  readonly gates: readonly Gate[];
  readonly coverage: readonly CoverageView[];
  readonly divergences: readonly DivergenceGroup[];
  readonly timelines: readonly Timeline[];
  readonly findings: readonly Finding[];
  /** Numbers for this run's history line. */
  readonly totals: Partial<RunTotals>;
}

export interface RunTotals {
  readonly scenarios: number;
  readonly scenarios_per_s: number;
  readonly parity_cases: number;
  readonly parity_failed: number;
}

export const emptyPart: ReportPart = { gates: [], coverage: [], divergences: [], timelines: [], findings: [], totals: {} };

/** Red items kept per gate in the page (red_total counts them all). */
export const RED_ITEMS_MAX = 200;
/** Divergence groups kept in the page, most frequent first (the total is kept too). */
export const GROUPS_MAX = 2000;
/** Occurrences kept per divergence group. */
export const GROUP_ITEMS_MAX = 50;
