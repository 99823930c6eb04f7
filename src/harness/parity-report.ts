import type { CaseResult, ImplementationSummary, ParityResult } from './parity-run.js';
import { renderValue } from './first-difference.js';
import type { FixtureFileProblem } from './fixture-file.js';
import type { KnownDivergence } from './known-divergences.js';
import { REFERENCE_NAME } from './implementation.js';

/** The one-line command that re-runs one fixture through one implementation. */
export function rerunCommand(fixtureName: string, implementation: string): string {
  const quoted = /^[A-Za-z0-9._/-]+$/.test(implementation) ? implementation : `'${implementation.replace(/'/g, `'\\''`)}'`;
  return `pnpm parity --fixture ${fixtureName} --impl ${quoted}`;
}

export function formatRefusal(problems: readonly FixtureFileProblem[]): string {
  const lines = problems.map((p) => `  ${p.file} at ${p.pointer === '' ? '(root)' : p.pointer}: ${p.reason}`);
  return [`parity: refused ${problems.length} fixture file(s) before running anything:`, ...lines].join('\n');
}

function pad(text: string, width: number, right = false): string {
  return right ? text.padStart(width) : text.padEnd(width);
}

/** The summary table: one row per implementation. */
export function formatSummaryTable(summaries: readonly ImplementationSummary[]): string {
  const header = ['implementation', 'fixtures', 'steps', 'passed', 'diverged', 'errored', 'stale', 'ref changed', 'known', 'wall ms', 'steps/s'];
  const rows = summaries.map((s) => [
    s.implementation,
    String(s.fixtures),
    String(s.steps),
    String(s.counts.passed),
    String(s.counts.diverged + s.counts.ratchet),
    String(s.counts.errored),
    String(s.counts['golden-stale']),
    String(s.counts['reference-changed']),
    String(s.counts.known),
    s.wallMs.toFixed(0),
    s.wallMs > 0 ? Math.round((s.steps * 1000) / s.wallMs).toString() : '-',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => pad(c, widths[i]!, i > 0)).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

function stepLabel(step: number, seq: number | undefined): string {
  const where = step < 0 ? 'configure' : `step ${step}`;
  return seq === undefined ? where : `${where} (seq ${seq})`;
}

const REFERENCE_CHANGED_ADVICE =
  'a TS regression, or an intended change not followed yet: fix the reference, or change the other kernels too; do not refill the goldens to make this pass';

/** What a differing case is called, and what to do about it. */
function divergenceLabel(result: CaseResult, baseline: string): string {
  switch (result.status) {
    case 'golden-stale':
      return 'GOLDEN STALE (every target follows the reference; refill with pnpm fixtures:fill and review)';
    case 'reference-changed':
      return result.implementation === REFERENCE_NAME
        ? `REFERENCE CHANGED (the reference left its golden answers, another implementation still gives them: ${REFERENCE_CHANGED_ADVICE})`
        : `REFERENCE CHANGED (this implementation still gives the golden answers; the reference does not: ${REFERENCE_CHANGED_ADVICE})`;
    case 'known':
      return 'known divergence';
    default:
      return `DIVERGED from ${baseline}`;
  }
}

/** A failing case as a person reads it: what, where, both values, how to re-run. */
export function formatCase(result: CaseResult): string {
  const fixture = result.fixture.loaded.fixture;
  const head = `${result.implementation}: ${fixture.name} (${fixture.id}) [${result.fixture.loaded.file}]`;
  const rerun = `  re-run: ${rerunCommand(fixture.name, result.implementation)}`;
  const verdict = result.verdict;
  if (result.status === 'ratchet') {
    return `${head}\n  RATCHET: listed in fixtures/known-divergences.json (${result.reason ?? ''}) but passes now; remove the entry\n${rerun}`;
  }
  if (verdict.status === 'errored') {
    const tail = verdict.stderrTail.trim() ? `\n  stderr tail:\n${verdict.stderrTail.trim().split('\n').slice(-12).map((l) => `    ${l}`).join('\n')}` : '';
    return `${head}\n  ERRORED (${verdict.kind}) at ${stepLabel(verdict.step, undefined)}: ${verdict.message}${tail}\n${rerun}`;
  }
  if (verdict.status !== 'diverged') return head;
  const label = divergenceLabel(result, verdict.baseline);
  const d = verdict.difference;
  return [
    `${head}`,
    `  ${label} at ${stepLabel(verdict.step, verdict.seq)}, path ${d.pointer === '' ? '(whole response)' : d.pointer}${d.note ? ` (${d.note})` : ''}`,
    `    expected: ${renderValue(d.expected)}`,
    `    actual:   ${renderValue(d.actual)}`,
    rerun,
  ].join('\n');
}

export function formatUnusedKnown(entries: readonly KnownDivergence[]): string {
  return entries.map((k) => `known-divergences: ${k.implementation} / ${k.fixture}: no such fixture in the corpus; remove the entry`).join('\n');
}

/** JSON lines: one per fixture per implementation, then one summary line. */
export function reportLines(result: Extract<ParityResult, { kind: 'ran' }>): string[] {
  const lines = result.cases.map((c) => {
    const fixture = c.fixture.loaded.fixture;
    const v = c.verdict;
    const record: Record<string, unknown> = {
      type: 'fixture',
      implementation: c.implementation,
      fixture: fixture.name,
      id: fixture.id,
      file: c.fixture.loaded.file,
      status: c.status,
      steps: c.steps,
    };
    if (v.status === 'diverged') {
      Object.assign(record, { step: v.step, seq: v.seq ?? null, pointer: v.difference.pointer, expected: renderValue(v.difference.expected), actual: renderValue(v.difference.actual), baseline: v.baseline });
      if (v.difference.note) record.note = v.difference.note;
    }
    if (v.status === 'errored') Object.assign(record, { step: v.step, error: v.kind, message: v.message, stderr_tail: v.stderrTail });
    if (c.reason) record.reason = c.reason;
    if (c.status !== 'passed') record.rerun = rerunCommand(fixture.name, c.implementation);
    return JSON.stringify(record);
  });
  const summary = {
    type: 'summary',
    failed: result.failed,
    implementations: result.summaries.map((s) => ({
      implementation: s.implementation,
      fixtures: s.fixtures,
      steps: s.steps,
      ...s.counts,
      wall_ms: Math.round(s.wallMs),
      steps_per_s: s.wallMs > 0 ? Math.round((s.steps * 1000) / s.wallMs) : null,
      sessions: s.sessions,
      problems: s.problems,
      hello: s.hello ? { pointer: s.hello.pointer, expected: renderValue(s.hello.expected), actual: renderValue(s.hello.actual) } : null,
    })),
    unused_known_divergences: result.unusedKnown,
  };
  lines.push(JSON.stringify(summary));
  return lines;
}

/** Everything printed after a run: table, problems, failing cases. */
export function formatRun(result: Extract<ParityResult, { kind: 'ran' }>, quiet: boolean): string {
  const parts: string[] = [formatSummaryTable(result.summaries)];
  for (const s of result.summaries) {
    for (const problem of s.problems) parts.push(`${s.implementation}: PROBLEM: ${problem}`);
    if (s.hello) parts.push(`${s.implementation}: hello differs from the reference at ${s.hello.pointer}: expected ${renderValue(s.hello.expected)}, actual ${renderValue(s.hello.actual)}`);
    if (s.fixtures < Math.max(...result.summaries.map((x) => x.fixtures))) parts.push(`${s.implementation}: ran ${s.fixtures} fixtures only`);
  }
  if (result.unusedKnown.length > 0) parts.push(formatUnusedKnown(result.unusedKnown));
  const failing = result.cases.filter((c) => c.status !== 'passed' && (c.status !== 'known' || !quiet));
  for (const c of failing) parts.push(formatCase(c));
  parts.push(result.failed ? 'parity: FAILED' : 'parity: ok');
  return parts.join('\n\n');
}
