import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalize } from '../../src/canonical/index.js';
import { FuzzTaskError, planTasks, readTask, taskSeeds, type FuzzTask } from '../../src/fuzz/fuzz-task.js';

const HASH = `sha256:${'0'.repeat(64)}`;
const job = { commit: 'abc1234', target: 'rust', level: 'all', shards: 3, epoch: 7, runs: 100, corpus_hash: HASH } as const;
const seeds = (t: FuzzTask, n = 50) => Array.from({ length: n }, (_, k) => taskSeeds(t)(k));

describe('fuzz tasks', () => {
  it('derive the same seeds from the same inputs, anywhere', () => {
    const [a] = planTasks(job);
    const [b] = planTasks(job);
    expect(seeds(a!)).toEqual(seeds(b!));
    for (const s of seeds(a!)) expect(Number.isInteger(s) && s >= 0 && s < 2 ** 31).toBe(true);
  });

  it('give each shard and each epoch its own seeds; budgets do not change them', () => {
    const tasks = planTasks(job);
    const all = tasks.flatMap((t) => seeds(t));
    expect(new Set(all).size).toBe(all.length);
    const nextEpoch = planTasks({ ...job, epoch: 8 })[0]!;
    expect(seeds(nextEpoch)).not.toEqual(seeds(tasks[0]!));
    const longer = planTasks({ ...job, runs: 5000, time_budget_s: 60 })[0]!;
    expect(seeds(longer)).toEqual(seeds(tasks[0]!));
    expect(tasks.map((t) => t.shard)).toEqual([1, 2, 3].map((index) => ({ index, count: 3 })));
  });

  it('reads a task inline or from a file, and refuses a bad one naming where', () => {
    const task = planTasks(job)[1]!;
    expect(readTask(canonicalize(task))).toEqual(task);
    const file = join(mkdtempSync(join(tmpdir(), 'lockstep-task-')), 'task.json');
    writeFileSync(file, JSON.stringify(task));
    expect(readTask(`@${file}`)).toEqual(task);
    expect(() => readTask('{')).toThrow(FuzzTaskError);
    expect(() => readTask(JSON.stringify({ ...task, epoch: -1 }))).toThrow(/at \/epoch/);
    expect(() => readTask(JSON.stringify({ ...task, target: 'perl' }))).toThrow(/at \/target/);
    expect(() => readTask(JSON.stringify({ ...task, shard: { index: 4, count: 3 } }))).toThrow(/shard\/index 4 is above/);
    expect(() => readTask(`@${file}.missing`)).toThrow(/cannot read the file \(ENOENT\)/);
  });
});
