/**
 * The reference pool (worker threads + main thread, `src/fuzz/reference-pool.ts`) changes
 * where the reference leg runs, never what it finds: a run with workers reports the same
 * scenarios, steps, coverage and failures as the same run on the main thread alone, and a
 * failure found through the pool is the same one.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runFuzz, type FuzzOptions } from '../../src/fuzz/fuzz-run.js';
import { ensureRustKernel, RUST_BINARY } from '../../src/harness/implementation.js';

const repo = join(import.meta.dirname, '../..');
const root = mkdtempSync(join(tmpdir(), 'lockstep-pool-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function options(dir: string, workers: number, targets: FuzzOptions['targets']): FuzzOptions {
  return {
    seed: 77, runs: 90, shard: { index: 0, count: 1 }, level: 'all', targets, cwd: repo, timeoutMs: 10_000,
    regressionsDir: join(root, dir), batchSize: 40, stopOnFailure: false, workers,
    generator: { minCommands: 20, maxCommands: 30 }, reproCommand: (s) => `pnpm fuzz --seed ${s} --runs 1`,
  };
}

const essentials = (r: Awaited<ReturnType<typeof runFuzz>>) => ({
  scenarios: r.scenarios, steps: r.steps, coverage: r.coverage, failures: r.failures,
  divergences: r.divergences, invariant_violations: r.invariant_violations, crashes: r.crashes,
});

describe('reference pool', () => {
  it('gives the same report with and without worker threads', async () => {
    const problem = ensureRustKernel(repo);
    if (problem !== undefined) throw new Error(problem);
    const rust = [{ name: 'rust', command: RUST_BINARY }];
    const alone = await runFuzz(options('alone', 0, rust));
    const pooled = await runFuzz(options('pooled', 1, rust));
    expect(pooled.scenarios).toBe(90);
    expect(essentials(pooled)).toEqual(essentials(alone));
  }, 120_000);

  it('reports a target failure at the same seed and step through the pool', async () => {
    // A target that answers nothing fails every scenario: the failures must line up seed for seed.
    const mute = [{ name: 'mute', command: 'cat > /dev/null' }];
    const alone = await runFuzz({ ...options('mute-alone', 0, mute), runs: 30 });
    const pooled = await runFuzz({ ...options('mute-pooled', 1, mute), runs: 30 });
    expect(alone.failures.length).toBe(30);
    expect(essentials(pooled)).toEqual(essentials(alone));
  }, 120_000);
});
