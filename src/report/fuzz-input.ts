// Fuzz reports (one run, a merged run, or shard files merged here) as report data: the fuzz
// gate, the matrix cells the generated scenarios reached, and failures grouped by signature.
import type { CoverageView, DivergenceItem, Gate, RedItem } from '../../generated/ts/types.js';
import { mergeReports, type FuzzFailureRecord, type FuzzReport } from '../fuzz/fuzz-report.js';
import { CellTally } from './cell-tally.js';
import { DivergenceGroups } from './divergence-signature.js';
import { matrixOf, type FixtureTrace } from './fixture-trace.js';
import { legalCells } from './report-matrices.js';
import { RED_ITEMS_MAX, type ReportPart } from './report-part.js';

/** A failure's signature: the one the fuzzer gave it, else its kind, side and summary shape. */
export function fuzzSignature(f: FuzzFailureRecord & { readonly signature?: string }): string {
  if (f.signature) return `fuzz ${f.signature}`;
  const summary = f.summary.replace(/^[^:]*: /, '').replace(/-?\d+(\.\d+)?/g, '#');
  return `fuzz ${f.kind} on ${f.implementation}: ${summary}`;
}

/** Shard numbers (1-based, as `pnpm fuzz --shard I/N` writes them) a set of shard reports lacks. */
export function missingShards(reports: readonly FuzzReport[]): number[] {
  const count = Math.max(...reports.map((r) => r.shard.count));
  const have = new Set(reports.map((r) => r.shard.index));
  return Array.from({ length: count }, (_, i) => i + 1).filter((i) => !have.has(i));
}

function coverageViews(report: FuzzReport, name: string, regressions: readonly FixtureTrace[]): CoverageView[] {
  const scenarios = `${report.scenarios} generated scenarios (${name})`;
  return (['slot', 'order'] as const).map((matrix) => {
    const tally = new CellTally(legalCells[matrix]);
    for (const [key, n] of Object.entries(report.coverage[matrix])) {
      const m = /^(.*) -(.*)-> (.*)$/.exec(key);
      if (m) tally.add(m[1]!, m[2]!, m[3]!, n, scenarios);
    }
    for (const trace of regressions) {
      for (const step of trace.steps) for (const t of step.transitions) if (matrixOf(t.machine) === matrix) tally.add(t.from, t.trigger, t.to, 0, trace.name);
    }
    return {
      view: name,
      source: 'fuzz' as const,
      machine: matrix === 'slot' ? ('SLOT' as const) : ('ORDER' as const),
      note: 'Transitions counted in the reference answers of every generated scenario; the names are the regression fixtures of failing scenarios that take the cell.',
      cells: tally.toCells(),
    };
  });
}

function gate(report: FuzzReport, name: string, missing: readonly number[], shardCount: number): Gate {
  const secs = report.elapsed_ms / 1000;
  const rate = secs > 0 ? report.scenarios / secs : 0;
  const failures = report.divergences + report.invariant_violations + report.crashes;
  const red: RedItem[] = report.failures.slice(0, RED_ITEMS_MAX).map((f) => ({ what: `${f.kind} on ${f.implementation} (seed ${f.seed}): ${f.summary}`, command: f.repro }));
  for (const i of missing) red.push({ what: `shard ${i}/${shardCount} has no report`, command: `pnpm fuzz --seed ${report.seed} --level ${report.level} --shard ${i}/${shardCount}` });
  return {
    gate: 'fuzz',
    subject: name,
    status: failures > 0 || missing.length > 0 ? 'fail' : 'pass',
    summary: `${report.scenarios} scenarios, ${report.steps} steps, ${rate.toFixed(0)} scenarios/s; ${report.divergences} divergences, ${report.invariant_violations} invariant violations, ${report.crashes} crashes${missing.length > 0 ? `; ${missing.length} shard(s) missing` : ''}`,
    metrics: [
      { name: 'scenarios', value: report.scenarios },
      { name: 'steps', value: report.steps },
      { name: 'scenarios/s', value: Math.round(rate) },
      { name: 'divergences', value: report.divergences },
      { name: 'invariant violations', value: report.invariant_violations },
      { name: 'crashes', value: report.crashes },
    ],
    red,
    red_total: report.failures.length + missing.length,
  };
}

function failureItem(f: FuzzFailureRecord, trace: FixtureTrace | undefined): DivergenceItem {
  return {
    name: trace?.name ?? `seed ${f.seed}`,
    implementation: f.implementation,
    step: 0,
    pointer: '',
    expected: '',
    actual: f.summary,
    ...(trace ? { timeline: trace.name } : {}),
    repro: f.repro,
  };
}

/**
 * Report data from fuzz reports: shard reports of one run are merged first (missing shards fail
 * the gate); the regression fixtures named by failures are traced when they can be read.
 */
export function fuzzPart(reports: readonly FuzzReport[], regressions: ReadonlyMap<string, FixtureTrace>): ReportPart & { readonly signatures: readonly string[] } {
  const sharded = reports.some((r) => r.shard.count > 1);
  const missing = sharded ? missingShards(reports) : [];
  const report = reports.length === 1 ? reports[0]! : mergeReports(reports);
  const name = `fuzz: seed ${report.seed}, ${report.level}`;
  const traces = report.failures.flatMap((f) => (f.regression !== undefined && regressions.has(f.regression) ? [regressions.get(f.regression)!] : []));
  const groups = new DivergenceGroups();
  const signatures = new Set<string>();
  for (const f of report.failures) {
    const signature = fuzzSignature(f);
    signatures.add(signature);
    groups.add(signature, 'fuzz', f.kind, failureItem(f, f.regression !== undefined ? regressions.get(f.regression) : undefined));
  }
  const secs = report.elapsed_ms / 1000;
  return {
    gates: [gate(report, name, missing, Math.max(...reports.map((r) => r.shard.count)))],
    coverage: coverageViews(report, name, traces),
    divergences: groups.toGroups(),
    timelines: [],
    findings: [],
    totals: { scenarios: report.scenarios, scenarios_per_s: secs > 0 ? Math.round((report.scenarios / secs) * 10) / 10 : 0 },
    signatures: [...signatures].sort(),
  };
}
