// Fuzz inputs of the task-based formats (lockstep.fuzz_shard.v1 lines, lockstep.fuzz_merged.v1)
// and the legacy per-run reports, as campaigns and as the fuzz gate.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildReportData } from '../../src/report/build-report-data.js';
import { loadInputs } from '../../src/report/load-inputs.js';
import { ReportInputError } from '../../src/report/report-input-error.js';

const repoRoot = join(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'report-fuzz-'));
// Shard lines as schemas/fuzz_shard_record.schema.json defines them (checked by its validator).
const HASH = `sha256:${'0'.repeat(64)}`;
const task = (index: number) => ({ task_version: 'lockstep.fuzz_task.v1', commit: 'abc123', target: 'rust', level: 'all', shard: { index, count: 3 }, epoch: 0, runs: 20, corpus_hash: HASH });
const header = (index: number) => ({ record: 'header', format: 'lockstep.fuzz_shard.v1', task: task(index), build: { lockstep: '0.1.0', node: 'v20', target: 'x' }, contracts_hash: HASH });
const failure = (seed: number) => ({ record: 'failure', signature: 'divergence|rust|venue_event|/result/slot/stage|FILL', seed, source: 'generated', kind: 'divergence', implementation: 'rust', step: 3, steps: 7, facts: { step_kind: 'venue_event', pointer: '/result/slot/stage', cell: '', codes: { reference: 'OK', target: 'OK' } }, summary: 'slot stage differs' });
const coverage = (n: number) => ({ record: 'coverage', slot: [{ key: 'IDLE -ENTER-> ORDER_REQUESTED', count: n }], order: [] });
const footer = { record: 'footer', complete: true, runs: 20, steps: 400, corpus_replayed: 0, regressions_replayed: 0, elapsed_ms: 1000 };
const lines = (...records: object[]) => records.map((r) => JSON.stringify(r)).join('\n') + '\n';

function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

async function build(files: string[]) {
  return (await buildReportData(await loadInputs(files, repoRoot), { cwd: repoRoot, title: 't' })).data;
}

describe('fuzz campaigns', () => {
  it('sums complete shard files, dedupes failures by signature, and fails on partial and missing shards', async () => {
    const one = write('s1.jsonl', lines(header(1), failure(5), failure(9), coverage(3), footer));
    const two = write('s2.jsonl', lines(header(2), coverage(4))); // killed: no footer
    const data = await build([one, two]);
    const gate = data.gates.find((g) => g.gate === 'fuzz')!;
    expect(gate.status).toBe('fail');
    expect(Object.fromEntries(gate.metrics.map((m) => [m.name, m.value]))).toMatchObject({ scenarios: 20, steps: 400, divergences: 2 });
    expect(gate.red.map((r) => r.what)).toEqual([
      expect.stringContaining('has no footer'),
      'shard rust/all/epoch-0/shard-3-of-3@abc123 has no result file',
      'divergence on rust (2x): slot stage differs',
    ]);
    expect(gate.red[1]!.command).toBe(`lockstep fuzz --task '${JSON.stringify(task(3))}'`);
    const cell = data.coverage.find((c) => c.source === 'fuzz' && c.machine === 'SLOT')!.cells[0]!;
    expect(cell).toMatchObject({ from: 'IDLE', trigger: 'ENTER', to: 'ORDER_REQUESTED', count: 3 });
    const group = data.divergences.find((g) => g.source === 'fuzz')!;
    expect(group).toMatchObject({ occurrences: 2, signature: 'fuzz divergence|rust|venue_event|/result/slot/stage|FILL' });
    expect(group.items[0]).toMatchObject({ step: 3, pointer: '/result/slot/stage' });
  });

  it('takes a merged report\'s verdicts: new, known, fixed, canary, missing', async () => {
    const merged = write('merged.json', JSON.stringify({
      format: 'lockstep.fuzz_merged.v1', commits: ['abc123'], contracts_hashes: ['sha256:1'],
      shards: [{ task: 't1', runs: 20, steps: 400, failures: 3, elapsed_ms: 500 }], partial: [], missing: ['rust/all/epoch-0/shard-2-of-2@abc123'],
      totals: { runs: 20, steps: 400, failures: 3, corpus_replayed: 0, regressions_replayed: 0, elapsed_ms_max: 500, elapsed_ms_sum: 500 },
      signatures: [
        { signature: 'sig-new', status: 'new', kind: 'divergence', implementation: 'rust', facts: { step_kind: 'x', pointer: '/a', cell: '', codes: { reference: '', target: '' } }, count: 2, regressions: [], exemplars: [{ shard: 't1', source: 'generated', seed: 4, steps: 5, step: 1, summary: 'a differs' }] },
        { signature: 'sig-known', status: 'known', kind: 'crash', implementation: 'rust', facts: { step_kind: 'x', pointer: '', cell: '', codes: { reference: '', target: '' } }, count: 1, regressions: ['fixtures/regressions/fuzz-x.json'], exemplars: [] },
        { signature: 'sig-canary', status: 'canary', kind: 'divergence', implementation: 'canary', facts: { step_kind: 'x', pointer: '/canary', cell: '', codes: { reference: '', target: '' } }, count: 1, regressions: [], exemplars: [] },
      ],
      fixed: [{ signature: 'sig-gone', regressions: ['fixtures/regressions/fuzz-y.json'] }],
      canary: { planted: 1, detected: 1, undetected_seeds: [] },
      coverage: { slot: [{ key: 'IDLE -ENTER-> ORDER_REQUESTED', count: 9 }], order: [] }, problems: [],
    }));
    const data = await build([merged]);
    const gate = data.gates.find((g) => g.gate === 'fuzz')!;
    expect(Object.fromEntries(gate.metrics.map((m) => [m.name, m.value]))).toMatchObject({ 'signatures new': 1, 'signatures known': 1, 'signatures fixed': 1, crashes: 1, divergences: 3 });
    expect(gate.red.map((r) => r.what)).toEqual(['shard rust/all/epoch-0/shard-2-of-2@abc123 has no result file', 'divergence on rust (2x): a differs', 'crash on rust (1x): sig-known']);
    expect(gate.red[2]!.command).toBe('pnpm parity --fixture fuzz-x');
    expect(data.history.at(-1)!.signatures).toBe(2);
  });

  it('does not count a canary target\'s planted divergences as failures', async () => {
    const canary = { ...failure(100), implementation: 'canary', signature: 'divergence|canary|x|/canary', facts: { ...failure(100).facts, pointer: '/canary' } };
    const files = [1, 2, 3].map((i) => write(`c${i}.jsonl`, lines(header(i), ...(i === 1 ? [canary] : []), coverage(1), footer)));
    const gate = (await build(files)).gates.find((g) => g.gate === 'fuzz')!;
    expect(gate).toMatchObject({ status: 'pass', red_total: 0 });
  });

  it('names the line and pointer of a malformed shard record', async () => {
    const bad = write('bad.jsonl', lines(header(1), { ...failure(1), step: 'three' }, footer));
    const error = await loadInputs([bad], repoRoot).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReportInputError);
    expect((error as Error).message).toMatch(/bad\.jsonl line 2: .* at \/step \(not a valid FuzzShardRecord\)/);
  });
});
