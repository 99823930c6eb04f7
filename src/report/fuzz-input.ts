// A fuzz campaign as report data: the fuzz gate, the matrix cells the generated scenarios
// reached, and failures grouped by signature.
import type { CoverageView, DivergenceItem, Gate, RedItem } from '../../generated/ts/types.js';
import { CellTally } from './cell-tally.js';
import { DivergenceGroups } from './divergence-signature.js';
import type { CampaignFailure, FuzzCampaign } from './fuzz-campaign.js';
import { matrixOf, type FixtureTrace } from './fixture-trace.js';
import { legalCells } from './report-matrices.js';
import type { SignatureAges } from './report-history.js';
import { RED_ITEMS_MAX, type ReportPart } from './report-part.js';

/** The signature shown and kept in the history: prefixed so parity and fuzz never collide. */
export const fuzzSignature = (f: Pick<CampaignFailure, 'signature'>): string => `fuzz ${f.signature}`;

function coverageViews(c: FuzzCampaign, regressions: readonly FixtureTrace[]): CoverageView[] {
  const scenarios = `${c.runs} generated scenarios (${c.name})`;
  return (['slot', 'order'] as const).map((matrix) => {
    const tally = new CellTally(legalCells[matrix]);
    for (const [key, n] of Object.entries(c.coverage[matrix])) {
      const m = /^(.*) -(.*)-> (.*)$/.exec(key);
      if (m) tally.add(m[1]!, m[2]!, m[3]!, n, scenarios);
    }
    for (const trace of regressions) {
      for (const step of trace.steps) for (const t of step.transitions) if (matrixOf(t.machine) === matrix) tally.add(t.from, t.trigger, t.to, 0, trace.name);
    }
    return {
      view: c.name,
      source: 'fuzz' as const,
      machine: matrix === 'slot' ? ('SLOT' as const) : ('ORDER' as const),
      note: 'Transitions counted in the reference answers of every generated scenario; the names are the regression fixtures of failing scenarios that take the cell.',
      cells: tally.toCells(),
    };
  });
}

const counts = (c: FuzzCampaign, kind: string): number => c.failures.filter((f) => f.kind === kind).reduce((n, f) => n + f.count, 0);
const isRed = (f: CampaignFailure): boolean => f.status !== 'canary';

function gate(c: FuzzCampaign): Gate {
  const rate = c.elapsedMs > 0 ? (c.runs * 1000) / c.elapsedMs : 0;
  const red = c.failures.filter(isRed);
  const items: RedItem[] = [...c.problems, ...red.map((f) => ({ what: `${f.kind} on ${f.implementation} (${f.count}x): ${f.summary}`, command: f.repro }))];
  const divergences = counts(c, 'divergence');
  const invariants = counts(c, 'invariant') + counts(c, 'invariant_violation');
  const crashes = counts(c, 'crash') + counts(c, 'hang');
  return {
    gate: 'fuzz',
    // The campaign's name starts with 'fuzz: ' (it labels a coverage view); the gate already says fuzz.
    subject: c.name.replace(/^fuzz: /, ''),
    status: items.length > 0 ? 'fail' : 'pass',
    summary: `${c.runs} scenarios, ${c.steps} steps, ${rate.toFixed(0)} scenarios/s; ${divergences} divergences, ${invariants} invariant violations, ${crashes} crashes/hangs${c.problems.length > 0 ? `; ${c.problems.length} shard problem(s)` : ''}`,
    metrics: [
      { name: 'scenarios', value: c.runs },
      { name: 'steps', value: c.steps },
      { name: 'scenarios/s', value: Math.round(rate) },
      { name: 'divergences', value: divergences },
      { name: 'invariant violations', value: invariants },
      { name: 'crashes', value: crashes },
    ],
    red: items.slice(0, RED_ITEMS_MAX),
    red_total: items.length,
  };
}

function failureItem(f: CampaignFailure, trace: FixtureTrace | undefined): DivergenceItem {
  return {
    name: trace?.name ?? f.name,
    implementation: f.implementation,
    step: f.step ?? 0,
    pointer: f.pointer ?? '',
    expected: '',
    actual: f.summary,
    ...(trace ? { timeline: trace.name } : {}),
    repro: f.repro,
  };
}

function mergeAges(c: FuzzCampaign): SignatureAges {
  const named = (status: string): string[] => c.failures.filter((f) => f.status === status).map(fuzzSignature);
  return { new: named('new'), known: named('known'), fixed: (c.fixed ?? []).map((s) => `fuzz ${s}`) };
}

/** Report data from one campaign; regression fixtures named by failures are traced when readable. */
export function fuzzPart(c: FuzzCampaign, regressions: ReadonlyMap<string, FixtureTrace>): ReportPart & { readonly signatures: readonly string[]; readonly ages?: SignatureAges } {
  const traces = c.failures.flatMap((f) => (f.regression !== undefined && regressions.has(f.regression) ? [regressions.get(f.regression)!] : []));
  const groups = new DivergenceGroups();
  for (const f of c.failures) {
    const item = failureItem(f, f.regression !== undefined ? regressions.get(f.regression) : undefined);
    groups.add(fuzzSignature(f), 'fuzz', f.status ?? f.kind, item, f.count);
  }
  return {
    gates: [gate(c)],
    coverage: coverageViews(c, traces),
    divergences: groups.toGroups(),
    timelines: [],
    findings: [],
    totals: { scenarios: c.runs, scenarios_per_s: c.elapsedMs > 0 ? Math.round(((c.runs * 1000) / c.elapsedMs) * 10) / 10 : 0 },
    signatures: c.failures.filter(isRed).map(fuzzSignature).sort(),
    // A merged report already judged its signatures against the regression fixtures: keep its verdicts.
    ...(c.fixed !== undefined ? { ages: mergeAges(c) } : {}),
  };
}
