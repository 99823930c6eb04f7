/**
 * The report of a fuzz run (one shard or a whole run), its merge over shards, and its
 * rendering for people. Shard reports are JSON files (`reports/fuzz-shard-i-of-n.json`);
 * `pnpm fuzz --merge` sums them and unions their matrix coverage.
 */
import type { FailureFacts } from './failure-facts.js';
import { MatrixCoverage, type CellCoverage, type CoverageJson } from './matrix-coverage.js';
import { refusalLines } from './refusal-report.js';

export interface FuzzFailureRecord {
  readonly seed: number;
  readonly level: string;
  readonly kind: string;
  readonly implementation: string;
  readonly summary: string;
  readonly regression?: string;
  readonly steps?: number;
  readonly repro: string;
  /** Step index where it first shows (-1: configure). */
  readonly step?: number;
  readonly facts?: FailureFacts;
  readonly signature?: string;
}

export interface FuzzReport {
  readonly report_version: 1;
  readonly shard: { readonly index: number; readonly count: number };
  readonly seed: number;
  readonly level: string;
  readonly implementations: readonly string[];
  readonly scenarios: number;
  readonly steps: number;
  readonly regressions_run: number;
  readonly elapsed_ms: number;
  readonly divergences: number;
  readonly invariant_violations: number;
  readonly crashes: number;
  /** Generated scenarios that failed like a failing regression fixture (counted above, not shrunk). */
  readonly known_repeats?: number;
  readonly failures: readonly FuzzFailureRecord[];
  readonly coverage: Readonly<CoverageJson>;
  readonly timings_ms: Readonly<Record<string, number>>;
}

export function failed(r: FuzzReport): boolean {
  return r.divergences + r.invariant_violations + r.crashes > 0;
}

export function mergeReports(reports: readonly FuzzReport[]): FuzzReport {
  if (reports.length === 0) throw new Error('fuzz --merge: no shard reports to merge');
  const coverage = new MatrixCoverage();
  const timings: Record<string, number> = {};
  for (const r of reports) {
    coverage.merge(r.coverage);
    for (const [k, v] of Object.entries(r.timings_ms)) timings[k] = (timings[k] ?? 0) + v;
  }
  const sum = (f: (r: FuzzReport) => number) => reports.reduce((n, r) => n + f(r), 0);
  const first = reports[0]!;
  return {
    report_version: 1,
    shard: { index: 0, count: 1 },
    seed: first.seed,
    level: [...new Set(reports.map((r) => r.level))].join(','),
    implementations: [...new Set(reports.flatMap((r) => r.implementations))],
    scenarios: sum((r) => r.scenarios),
    steps: sum((r) => r.steps),
    regressions_run: Math.max(...reports.map((r) => r.regressions_run)),
    // Shards run side by side: the merged wall time is the slowest shard's.
    elapsed_ms: Math.max(...reports.map((r) => r.elapsed_ms)),
    divergences: sum((r) => r.divergences),
    invariant_violations: sum((r) => r.invariant_violations),
    crashes: sum((r) => r.crashes),
    known_repeats: sum((r) => r.known_repeats ?? 0),
    failures: reports.flatMap((r) => r.failures),
    coverage: coverage.toJSON(),
    timings_ms: timings,
  };
}

function coverageLine(name: string, c: CellCoverage): string[] {
  const lines = [`${name} matrix cells: ${c.hit}/${c.legal} legal cells hit`];
  for (const m of c.missed) lines.push(`  missed: ${m}`);
  return lines;
}

export function formatReport(r: FuzzReport): string {
  const coverage = new MatrixCoverage();
  coverage.merge(r.coverage);
  const secs = r.elapsed_ms / 1000;
  const rate = secs > 0 ? r.scenarios / secs : 0;
  const lines = [
    `fuzz ${r.shard.count > 1 ? `shard ${r.shard.index}/${r.shard.count} ` : ''}seed ${r.seed}, level ${r.level}, against ${r.implementations.join(', ') || '(reference only)'}`,
    `scenarios ${r.scenarios} (+${r.regressions_run} regression fixtures), steps ${r.steps}, ${secs.toFixed(1)} s, ${rate.toFixed(0)} scenarios/s, ${(secs > 0 ? r.steps / secs : 0).toFixed(0)} steps/s`,
    `divergences ${r.divergences}, invariant violations ${r.invariant_violations}, crashes/hangs ${r.crashes}${r.known_repeats ? ` (${r.known_repeats} of them repeat a failing regression fixture)` : ''}`,
    ...coverageLine('slot', coverage.coverage('slot')),
    ...coverageLine('order', coverage.coverage('order')),
    ...refusalLines(coverage.refusals),
  ];
  for (const f of r.failures) {
    lines.push(`FAILED ${f.kind} on ${f.implementation} (seed ${f.seed}, ${f.level}): ${f.summary}`);
    if (f.regression) lines.push(`  regression fixture: ${f.regression}${f.steps !== undefined ? ` (${f.steps} steps)` : ''}`);
    lines.push(`  repro: ${f.repro}`);
  }
  return lines.join('\n');
}
