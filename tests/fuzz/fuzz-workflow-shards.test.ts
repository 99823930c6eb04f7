// The fuzz workflow's canary job, run locally: one process per shard with the tasks the
// workflow plans (its matrix, its `fuzz plan` flags; a smaller run budget), merged by the CLI,
// must equal one process running the same tasks in turn, and must detect every planted canary.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { readTask } from '../../src/fuzz/fuzz-task.js';
import { readKnownSignatures } from '../../src/fuzz/known-signatures.js';
import { readShardFile } from '../../src/fuzz/shard-file.js';
import { mergeShards, mergedReportText, type MergedReport } from '../../src/fuzz/shard-merge.js';
import { runTask } from '../../src/fuzz/task-run.js';
import { ensureRustKernel } from '../../src/harness/implementation.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const run = promisify(execFile);
const fuzz = (args: string[]) => run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'fuzz', ...args], { cwd: repo });

beforeAll(() => {
  const problem = ensureRustKernel(repo);
  if (problem) throw new Error(problem);
});

/** The canary shards of the workflow's matrix, and the flags its shard jobs plan with. */
function workflowCanaryJob(): { count: number; shards: number[] } {
  const text = readFileSync(join(repo, '.github/workflows/fuzz.yml'), 'utf8');
  expect(text).toContain('fuzz plan --target "$TARGET" --shards "$COUNT" --shard "$SHARD" --epoch "$EPOCH" --runs "$RUNS" --time-budget "$TIME_BUDGET_S"');
  const entries = [...text.matchAll(/\{ target: canary, count: (\d+), shard: (\d+) \}/g)].map((m) => ({ count: Number(m[1]), shard: Number(m[2]) }));
  expect(entries.length).toBeGreaterThan(1);
  return { count: entries[0]!.count, shards: entries.map((e) => e.shard) };
}

/** The merged report without wall times, which differ from run to run. */
function timeless(r: MergedReport): unknown {
  return { ...r, shards: r.shards.map(({ elapsed_ms: _, ...rest }) => rest), totals: { ...r.totals, elapsed_ms_max: 0, elapsed_ms_sum: 0 } };
}

describe('the fuzz workflow, run locally', () => {
  it('merges N shard processes into what one process running the same tasks gives', { timeout: 120_000 }, async () => {
    const { count, shards } = workflowCanaryJob();
    // The workflow's flags, with a budget small enough for a test (the runs bound only how far each seed stream goes).
    const plan = (shard: number) => ['plan', '--target', 'canary', '--shards', String(count), '--shard', String(shard), '--epoch', '7', '--runs', '150', '--max-commands', '12', '--commit', 'test'];
    const tasks = await Promise.all(shards.map(async (s) => (await fuzz(plan(s))).stdout.trim()));
    const dir = mkdtempSync(join(tmpdir(), 'lockstep-fuzz-shards-'));
    await Promise.all(tasks.map((t, i) => fuzz(['--task', t, '--out', join(dir, `canary-${shards[i]}.jsonl`), '--workers', '0'])));
    const merged = await fuzz(['merge', dir, '--out', join(dir, 'merged.json')]);
    expect(merged.stdout).toMatch(/canary: (\d+)\/\1 planted divergences detected/);
    const fromProcesses = JSON.parse(readFileSync(join(dir, 'merged.json'), 'utf8')) as MergedReport;
    expect(fromProcesses.canary.planted).toBeGreaterThan(0);
    expect(fromProcesses.signatures.map((s) => s.status)).toEqual(['canary']);

    const one = mkdtempSync(join(tmpdir(), 'lockstep-fuzz-one-'));
    const files: string[] = [];
    for (const [i, t] of tasks.entries()) {
      const out = join(one, `canary-${shards[i]}.jsonl`);
      await runTask(readTask(t), { root: repo, corpusDir: join(repo, 'fixtures/fuzz-corpus'), regressionsDir: join(repo, 'fixtures/regressions'), out, timeoutMs: 10_000, workers: 0 });
      files.push(out);
    }
    const single = mergeShards(files.map((f) => readShardFile(f)), readKnownSignatures(join(repo, 'fixtures/regressions')));
    expect(timeless(single)).toEqual(timeless(fromProcesses));
    // And the byte-level promise: the merged text is the same for the files in reverse order.
    expect(mergedReportText(mergeShards([...files].reverse().map((f) => readShardFile(f)), new Map()))).toBe(mergedReportText(mergeShards(files.map((f) => readShardFile(f)), new Map())));
  });
});

describe('the Kubernetes indexed Job', () => {
  it('runs shard completion-index + 1 of as many shards as it has completions, planned like the workflow', () => {
    const text = readFileSync(join(repo, 'deploy/k8s/fuzz-indexed-job.yaml'), 'utf8');
    expect(text).toMatch(/^\s+completionMode: Indexed$/m);
    const completions = Number(/^\s+completions: (\d+)$/m.exec(text)?.[1]);
    const shards = Number(/- name: SHARDS\n\s+value: "(\d+)"/.exec(text)?.[1]);
    expect(completions).toBeGreaterThan(1);
    expect(shards).toBe(completions);
    expect(text).toContain('shard=$((JOB_COMPLETION_INDEX + 1))');
    expect(text).toContain('fuzz plan --target "$TARGET" --shards "$SHARDS" --shard "$shard" --epoch "$EPOCH"');
    expect(text).toContain('pnpm -s fuzz merge "/results/$EPOCH"');
  });
});
