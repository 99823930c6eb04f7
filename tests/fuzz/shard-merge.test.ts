import { describe, expect, it } from 'vitest';
import { isCanarySeed } from '../../src/fuzz/canary-target.js';
import { planTasks, taskSeeds, type FuzzTask } from '../../src/fuzz/fuzz-task.js';
import type { FuzzShardFailure, ShardFile } from '../../src/fuzz/shard-file.js';
import { EXEMPLARS_PER_SIGNATURE_MAX, mergeFailed, mergeShards, mergedReportText } from '../../src/fuzz/shard-merge.js';

const HASH = `sha256:${'3'.repeat(64)}`;
const tasks = (target: FuzzTask['target'] = 'rust', shards = 3) => planTasks({ commit: 'abc1234', target, level: 'all', shards, epoch: 1, runs: 300, corpus_hash: HASH });
const fail = (signature: string, seed: number, steps: number, over: Partial<FuzzShardFailure> = {}): FuzzShardFailure => ({
  record: 'failure', signature, seed, source: 'generated', kind: 'divergence', implementation: 'rust', step: 1, steps,
  facts: { step_kind: 'intent:ENTER', pointer: '/x', cell: '', codes: { reference: 'OK', target: 'OK' } }, summary: `seed ${seed}`, ...over,
});
const shard = (task: FuzzTask, failures: FuzzShardFailure[], complete = true, exemplars: ShardFile['exemplars'] = []): ShardFile => ({
  file: `/tmp/${task.target}-${task.shard.index}.jsonl`,
  header: { record: 'header', format: 'lockstep.fuzz_shard.v1', task, build: { lockstep: '0.1.0', node: 'v20', target: task.target }, contracts_hash: HASH },
  failures,
  exemplars,
  coverage: { record: 'coverage', slot: [{ key: `cell-${task.shard.index}`, count: 1 }, { key: 'shared', count: 2 }], order: [] },
  footer: complete ? { record: 'footer', complete: true, runs: task.runs, steps: 10 * task.runs, corpus_replayed: 1, regressions_replayed: 1, elapsed_ms: 100 * task.shard.index } : undefined,
});

function permutations<T>(xs: readonly T[]): T[][] {
  if (xs.length <= 1) return [[...xs]];
  return xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]));
}

describe('merging shard files', () => {
  const [a, b, c] = tasks();
  const files = [shard(a!, [fail('S1', 9, 40), fail('S2', 3, 12)]), shard(b!, [fail('S1', 4, 8), fail('S1', 5, 8)]), shard(c!, [fail('S1', 1, 90)])];

  it('gives byte-identical output for every order of the files', () => {
    const texts = new Set(permutations(files).map((p) => mergedReportText(mergeShards(p, new Map()))));
    expect(texts.size).toBe(1);
  });

  it('dedupes by signature, keeps the smallest exemplars, sums and unions', () => {
    const r = mergeShards(files, new Map());
    expect(r.signatures.map((s) => [s.signature, s.count, s.status])).toEqual([['S1', 4, 'new'], ['S2', 1, 'new']]);
    expect(r.signatures[0]!.exemplars.map((e) => e.seed)).toEqual([4, 5, 9, 1].slice(0, EXEMPLARS_PER_SIGNATURE_MAX));
    expect(r.totals).toMatchObject({ runs: 900, failures: 5, elapsed_ms_max: 300, corpus_replayed: 3 });
    expect(r.coverage.slot).toEqual([{ key: 'cell-1', count: 1 }, { key: 'cell-2', count: 1 }, { key: 'cell-3', count: 1 }, { key: 'shared', count: 6 }]);
    expect(mergeFailed(r)).toBe(true);
  });

  it('keeps only a few exemplars of a signature found many times', () => {
    const many = Array.from({ length: 100 }, (_, i) => fail('S9', 1000 + i, 100 - i));
    const r = mergeShards([shard(a!, many), shard(b!, []), shard(c!, [])], new Map());
    expect(r.signatures[0]!.count).toBe(100);
    expect(r.signatures[0]!.exemplars.map((e) => e.steps)).toEqual([1, 2, 3, 4]);
  });

  it('lists a shard without its footer as partial, never counts it, and fails', () => {
    const r = mergeShards([files[0]!, shard(b!, [fail('S7', 2, 3)], false), files[2]!], new Map());
    expect(r.partial).toEqual([{ task: 'rust/all/epoch-1/shard-2-of-3@abc1234', failures_seen: 1 }]);
    expect(r.signatures.map((s) => s.signature)).not.toContain('S7');
    expect(r.totals.runs).toBe(600);
    expect(mergeFailed(mergeShards([shard(a!, [], false), shard(b!, []), shard(c!, [])], new Map()))).toBe(true);
  });

  it('names missing shards and fails', () => {
    const r = mergeShards([shard(a!, []), shard(c!, [])], new Map());
    expect(r.missing).toEqual(['rust/all/epoch-1/shard-2-of-3@abc1234']);
    expect(mergeFailed(r)).toBe(true);
    expect(mergeFailed(mergeShards([shard(a!, []), shard(b!, []), shard(c!, [])], new Map()))).toBe(false);
  });

  it('marks signatures known (a regression fixture) and fixed (a fixture nothing failed with)', () => {
    const known = new Map([['S2', ['fuzz-adversarial-1']], ['S-old', ['fuzz-adversarial-2']]]);
    const replayed = shard(c!, [fail('S3', 0, 5, { source: 'regression:fuzz-adversarial-3' })]);
    const r = mergeShards([files[0]!, files[1]!, replayed], known);
    expect(r.signatures.map((s) => [s.signature, s.status])).toEqual([['S1', 'new'], ['S2', 'known'], ['S3', 'known']]);
    expect(r.fixed).toEqual([{ signature: 'S-old', regressions: ['fuzz-adversarial-2'] }]);
  });

  it('requires a failure on every seed the canary planted (the pipeline proves itself)', () => {
    const canary = tasks('canary', 1)[0]!;
    const planted = Array.from({ length: canary.runs }, (_, k) => taskSeeds(canary)(k)).filter(isCanarySeed);
    expect(planted.length).toBeGreaterThan(0);
    const found = planted.map((s) => fail('C', s, 3, { implementation: 'canary', facts: { step_kind: 'configure', pointer: '/canary', cell: '', codes: { reference: '', target: '' } } }));
    const ok = mergeShards([shard(canary, found)], new Map());
    expect(ok.canary).toEqual({ planted: planted.length, detected: planted.length, undetected_seeds: [] });
    expect(ok.signatures[0]!.status).toBe('canary');
    expect(mergeFailed(ok)).toBe(false);
    // The fault a broken pipeline would show: one planted divergence lost on the way.
    const lost = mergeShards([shard(canary, found.slice(1))], new Map());
    expect(lost.canary.undetected_seeds).toEqual([planted[0]]);
    expect(mergeFailed(lost)).toBe(true);
  });

  it('attaches the kept scenario to each chosen exemplar', () => {
    const scenario = { level: 'adversarial' as const, config: { slot_count: 1 } as never, steps: [] };
    const kept = [{ record: 'exemplar' as const, signature: 'S1', source: 'generated', seed: 4, scenario }];
    const r = mergeShards([files[0]!, shard(b!, files[1]!.failures as FuzzShardFailure[], true, kept), files[2]!], new Map());
    const exemplars = r.signatures[0]!.exemplars;
    expect(exemplars[0]).toMatchObject({ seed: 4, scenario });
    expect(exemplars[1]!.scenario).toBeUndefined();
  });

  it('counts a task given twice once, and says so', () => {
    const r = mergeShards([...files, { ...files[0]!, file: '/tmp/copy.jsonl' }], new Map());
    expect(r.totals.runs).toBe(900);
    expect(r.problems[0]).toMatch(/appears twice/);
  });
});
