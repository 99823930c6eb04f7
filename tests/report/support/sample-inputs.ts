// A small, fully known set of report inputs built on two real corpus fixtures: a parity report
// where `rust` diverges on one fixture, two fuzz shards (one with a failure and an illegal
// cell), a compat report with a breaking change, a differing journal comparison and a history
// of two earlier runs. Tests check the page against these numbers.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalize } from '../../../src/canonical/index.js';

export const FIXTURE_A = { name: 'ack-moves-entry-to-working', file: 'fixtures/corpus/entry/ack-moves-entry-to-working.json' };
export const FIXTURE_B = { name: 'exit-leg-clamped-to-open-size', file: 'fixtures/corpus/exit/exit-leg-clamped-to-open-size.json' };
export const DIVERGENT_STEP = 4;
export const DIVERGENT_POINTER = '/result/outcome/transitions/1/to';
export const REPRO_B = `pnpm parity --fixture ${FIXTURE_B.name} --impl rust`;
export const FUZZ_SIGNATURE = 'divergence rust venue_event /result/slot/stage';
export const ILLEGAL_CELL = 'IDLE -FILL-> CLOSED';

export interface SampleFiles {
  readonly parity: string;
  readonly shard1: string;
  readonly shard2: string;
  readonly compat: string;
  readonly journal: string;
  readonly history: string;
}

const readFixture = (repoRoot: string, file: string): { steps: unknown[]; expected: Record<string, unknown>[] } => JSON.parse(readFileSync(join(repoRoot, file), 'utf8'));

function parityLines(repoRoot: string): string {
  const b = readFixture(repoRoot, FIXTURE_B.file);
  const golden = b.expected[DIVERGENT_STEP]!;
  const actual = structuredClone(golden) as { result: { outcome: { transitions: { to: string }[] } } };
  actual.result.outcome.transitions[1]!.to = 'POSITION_OPEN';
  const line = (impl: string, f: { name: string; file: string }, steps: number, extra: object = {}) =>
    JSON.stringify({ type: 'fixture', implementation: impl, fixture: f.name, id: 'sha256:x', file: f.file, status: 'passed', steps, ...extra });
  return [
    line('ts-in-process', FIXTURE_A, 3),
    line('ts-in-process', FIXTURE_B, 10),
    line('rust', FIXTURE_A, 3),
    line('rust', FIXTURE_B, 10, {
      status: 'diverged', step: DIVERGENT_STEP, seq: 7, pointer: DIVERGENT_POINTER, expected: '"EXIT_WORKING"', actual: '"POSITION_OPEN"', baseline: 'golden', rerun: REPRO_B,
      expected_answer: canonicalize(golden), actual_answer: canonicalize(actual),
    }),
    JSON.stringify({ type: 'summary', failed: true, implementations: [] }),
  ].join('\n') + '\n';
}

function shard(index: number, over: object): string {
  return JSON.stringify({
    report_version: 1, shard: { index, count: 2 }, seed: 11, level: 'all', implementations: ['rust'], scenarios: 50, steps: 1000, regressions_run: 0,
    elapsed_ms: 2000, divergences: 0, invariant_violations: 0, crashes: 0, failures: [],
    coverage: { slot: { 'IDLE -ENTER-> ORDER_REQUESTED': 40 }, order: { 'NEW -ORDER_ACK-> ACKED': 30 } }, timings_ms: {},
    ...over,
  });
}

export function writeSampleInputs(dir: string, repoRoot: string): SampleFiles {
  const files: SampleFiles = {
    parity: join(dir, 'parity.jsonl'), shard1: join(dir, 'fuzz-shard-1-of-2.json'), shard2: join(dir, 'fuzz-shard-2-of-2.json'),
    compat: join(dir, 'compat.json'), journal: join(dir, 'journal-compare.json'), history: join(dir, 'history.jsonl'),
  };
  writeFileSync(files.parity, parityLines(repoRoot));
  writeFileSync(files.shard1, shard(1, {}));
  writeFileSync(files.shard2, shard(2, {
    divergences: 1,
    failures: [{ seed: 77, level: 'all', kind: 'divergence', implementation: 'rust', summary: 'slot stage differs', repro: 'pnpm fuzz --seed 77 --runs 1 --impl rust', signature: FUZZ_SIGNATURE }],
    coverage: { slot: { 'IDLE -ENTER-> ORDER_REQUESTED': 2, [ILLEGAL_CELL]: 1 }, order: {} },
  }));
  writeFileSync(files.compat, JSON.stringify({ baseline: 'v0.1.0', findings: [
    { rule: 'ENUM_VALUE_REMOVED', breaking: true, file: 'vocabulary.schema.json', pointer: '/$defs/OrderStatus/enum', message: 'enum value EXPIRED removed' },
    { rule: 'OPTIONAL_PROPERTY_ADDED', breaking: false, file: 'engine_intent.schema.json', pointer: '/properties/note', message: 'optional property note added' },
  ] }));
  writeFileSync(files.journal, JSON.stringify({ left: 'golden/a.journal', right: 'run/a.journal', equal: false, first_difference: { index: 12, pointer: '/response/result/slot/stage' } }));
  const earlier = (label: string, slotHit: number, signatures: string[]) => JSON.stringify({ history_version: 1, label, slot_hit: slotHit, slot_legal: 45, order_hit: 20, order_legal: 29, scenarios: 80, scenarios_per_s: 30, parity_cases: 4, parity_failed: 0, signatures });
  writeFileSync(files.history, `${earlier('nightly-1', 10, ['fuzz old-bug'])}\n${earlier('nightly-2', 12, ['fuzz old-bug', `fuzz ${FUZZ_SIGNATURE}`])}\n`);
  return files;
}
