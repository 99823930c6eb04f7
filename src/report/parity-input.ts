// The parity JSON-lines report as report data: a gate per implementation, the cells each
// implementation's answers reached (from the fixtures' golden answers), divergences and the
// fixtures' timelines.
import type { CoverageView, DivergenceItem, Gate, RedItem, Timeline } from '../../generated/ts/types.js';
import { canonicalize } from '../canonical/index.js';
import { CellTally } from './cell-tally.js';
import { DivergenceGroups, paritySignature } from './divergence-signature.js';
import { matrixOf, type FixtureTrace } from './fixture-trace.js';
import { legalCells } from './report-matrices.js';
import { RED_ITEMS_MAX, type ReportPart } from './report-part.js';

/** A fixture line of the parity report (the fields the report reads). */
export interface ParityFixtureLine {
  readonly type: 'fixture';
  readonly implementation: string;
  readonly fixture: string;
  readonly file: string;
  readonly status: 'passed' | 'diverged' | 'errored' | 'golden-stale' | 'reference-changed' | 'known' | 'ratchet';
  readonly steps: number;
  readonly step?: number;
  readonly pointer?: string;
  readonly expected?: string;
  readonly actual?: string;
  readonly error?: string;
  readonly message?: string;
  readonly rerun?: string;
  readonly expected_answer?: string;
  readonly actual_answer?: string;
}

const RED_STATUSES = new Set(['diverged', 'errored', 'golden-stale', 'reference-changed', 'ratchet']);

function tallyFor(lines: readonly ParityFixtureLine[], traces: ReadonlyMap<string, FixtureTrace>): { slot: CellTally; order: CellTally } {
  const tallies = { slot: new CellTally(legalCells.slot), order: new CellTally(legalCells.order) };
  for (const line of lines) {
    const trace = traces.get(line.file);
    if (trace === undefined) continue;
    // Answers matched the golden ones up to the first divergence (or as far as they came).
    const failedAt = line.status === 'diverged' || line.status === 'golden-stale' || line.status === 'reference-changed' ? (line.step ?? 0) : line.status === 'errored' ? line.steps : trace.steps.length;
    for (const step of trace.steps) {
      for (const t of step.transitions) {
        const tally = tallies[matrixOf(t.machine)];
        if (step.index < failedAt) tally.add(t.from, t.trigger, t.to, 1, line.fixture);
        else if (step.index === failedAt && line.status !== 'errored') tally.markDiverged(t.from, t.trigger, t.to, line.fixture);
      }
    }
  }
  return tallies;
}

function gateFor(implementation: string, lines: readonly ParityFixtureLine[]): Gate {
  const count = (s: string) => lines.filter((l) => l.status === s).length;
  const red = lines.filter((l) => RED_STATUSES.has(l.status));
  const steps = lines.reduce((n, l) => n + l.steps, 0);
  const redItems: RedItem[] = red.slice(0, RED_ITEMS_MAX).map((l) => ({
    what: `${l.fixture}: ${l.status}${l.step !== undefined ? ` at step ${l.step}` : ''}${l.pointer !== undefined ? ` ${l.pointer || '(whole answer)'}` : ''}${l.message ? ` ${l.message}` : ''}`,
    command: l.rerun ?? `pnpm parity --fixture ${l.fixture} --impl ${implementation}`,
  }));
  return {
    gate: 'parity',
    subject: implementation,
    status: red.length > 0 ? 'fail' : 'pass',
    summary: `${lines.length} fixtures, ${steps} steps: ${count('passed')} passed, ${count('diverged')} diverged, ${count('errored')} errored, ${count('golden-stale')} stale, ${count('reference-changed')} reference changed, ${count('known')} known`,
    metrics: ['passed', 'diverged', 'errored', 'golden-stale', 'reference-changed', 'known', 'ratchet'].map((name) => ({ name, value: count(name) })).concat([{ name: 'fixtures', value: lines.length }, { name: 'steps', value: steps }]),
    red: redItems,
    red_total: red.length,
  };
}

function answerText(answer: unknown): string | undefined {
  if (answer === undefined) return undefined;
  try {
    return canonicalize(answer);
  } catch {
    return undefined;
  }
}

function divergenceItem(line: ParityFixtureLine, trace: FixtureTrace | undefined): DivergenceItem {
  const step = line.step ?? (line.status === 'errored' ? line.steps : 0);
  const traced = trace?.steps[step];
  const expectedAnswer = line.expected_answer ?? answerText(traced?.answer);
  return {
    name: line.fixture,
    implementation: line.implementation,
    step,
    ...(traced ? { op: traced.op } : {}),
    pointer: line.pointer ?? '',
    expected: line.expected ?? '',
    actual: line.actual ?? (line.message ? `${line.error ?? 'error'}: ${line.message}` : ''),
    ...(expectedAnswer !== undefined ? { expected_answer: expectedAnswer } : {}),
    ...(line.actual_answer !== undefined ? { actual_answer: line.actual_answer } : {}),
    ...(trace ? { timeline: line.fixture } : {}),
    repro: line.rerun ?? `pnpm parity --fixture ${line.fixture} --impl ${line.implementation}`,
  };
}

function timelineOf(trace: FixtureTrace, lines: readonly ParityFixtureLine[]): Timeline {
  return {
    name: trace.name,
    file: trace.file,
    steps: trace.steps.map((s) => ({ index: s.index, op: s.op, label: s.label })),
    ticks: trace.steps.flatMap((s) => s.transitions.map((t) => ({ step: s.index, lane: t.lane, machine: t.machine, from: t.from, trigger: t.trigger, to: t.to }))),
    marks: lines
      .filter((l) => l.fixture === trace.name && RED_STATUSES.has(l.status) && l.step !== undefined)
      .map((l) => ({ implementation: l.implementation, step: l.step!, pointer: l.pointer ?? '' })),
  };
}

/** Report data from the fixture lines of one or more parity reports. */
export function parityPart(lines: readonly ParityFixtureLine[], traces: ReadonlyMap<string, FixtureTrace>): ReportPart {
  const implementations = [...new Set(lines.map((l) => l.implementation))];
  const gates: Gate[] = [];
  const coverage: CoverageView[] = [];
  const groups = new DivergenceGroups();
  for (const implementation of implementations) {
    const own = lines.filter((l) => l.implementation === implementation);
    gates.push(gateFor(implementation, own));
    const tallies = tallyFor(own, traces);
    const note = `Cells taken by the golden answers of the ${own.length} fixtures this implementation answered identically, up to each one's first divergence.`;
    coverage.push({ view: `parity: ${implementation}`, source: 'parity', machine: 'SLOT', note, cells: tallies.slot.toCells() });
    coverage.push({ view: `parity: ${implementation}`, source: 'parity', machine: 'ORDER', note, cells: tallies.order.toCells() });
    for (const line of own.filter((l) => RED_STATUSES.has(l.status) || l.status === 'known')) {
      const trace = traces.get(line.file);
      const item = divergenceItem(line, trace);
      groups.add(paritySignature(implementation, line.status, item.op, line.status === 'errored' ? undefined : item.pointer), 'parity', line.status, item);
    }
  }
  const seen = new Set<string>();
  const timelines: Timeline[] = [];
  for (const line of lines) {
    const trace = traces.get(line.file);
    if (trace === undefined || seen.has(trace.name)) continue;
    seen.add(trace.name);
    timelines.push(timelineOf(trace, lines));
  }
  const red = lines.filter((l) => RED_STATUSES.has(l.status)).length;
  return { gates, coverage, divergences: groups.toGroups(), timelines, findings: [], totals: { parity_cases: lines.length, parity_failed: red } };
}
