/**
 * The fuzzer can fail. A one-line behavioural difference is planted behind the real Rust
 * kernel: a `sed` filter that turns `"samples":N` into `"samples":1N` in calibrate_fee
 * responses only. The fuzzer must find it, shrink it to a handful of steps, write a
 * regression fixture (into a temporary directory), and that fixture must then fail the
 * parity comparison against the planted implementation and pass against the real kernel.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Fixture } from '../../generated/ts/types.js';
import { readKnownSignatures } from '../../src/fuzz/known-signatures.js';
import { runFuzz } from '../../src/fuzz/fuzz-run.js';
import { shrinkScenario } from '../../src/fuzz/shrink-scenario.js';
import { referenceImplementation } from '../../src/harness/builtin-implementations.js';
import { ensureRustKernel, RUST_BINARY } from '../../src/harness/implementation.js';
import { runParity } from '../../src/harness/parity-run.js';

const repo = join(import.meta.dirname, '../..');
const planted = `${RUST_BINARY} | sed -u '/"op":"calibrate_fee"/s/"samples":\\([0-9]\\)/"samples":1\\1/'`;
const target = { name: 'planted', command: planted };
const SEED = 4242;
let root: string;

beforeAll(() => {
  const problem = ensureRustKernel(repo);
  if (problem !== undefined) throw new Error(problem);
  root = mkdtempSync(join(tmpdir(), 'lockstep-planted-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('planted divergence', () => {
  let seedFound = 0;
  let fixture: Fixture;

  it('is found, shrunk to a handful of steps and written as a regression fixture', async () => {
    const regressions = join(root, 'regressions');
    const report = await runFuzz({
      seed: SEED, runs: 2000, shard: { index: 0, count: 1 }, level: 'adversarial', targets: [target],
      cwd: repo, timeoutMs: 10_000, regressionsDir: regressions, skipKernelInvariants: true, reproCommand: (s) => `pnpm fuzz --seed ${s} --runs 1`,
    });
    expect(report.divergences).toBeGreaterThan(0);
    const failure = report.failures[0]!;
    expect(failure).toMatchObject({ kind: 'divergence', implementation: 'planted' });
    expect(failure.summary).toContain('/result/fee_calibration/samples');
    expect(failure.steps).toBeLessThanOrEqual(5);
    const files = readdirSync(regressions).filter((f) => f.endsWith('.json'));
    expect(files).toHaveLength(1);
    fixture = JSON.parse(readFileSync(join(regressions, files[0]!), 'utf8')) as Fixture;
    // Its signature is recorded beside it, so later merges call the same failure known.
    expect([...readKnownSignatures(regressions)]).toEqual([[failure.signature, [fixture.name]]]);
    expect(failure.signature).toContain('divergence | planted | calibrate_fee | /result/fee_calibration/samples');
    expect(fixture.origin).toMatchObject({ seed: failure.seed });
    expect(fixture.origin?.found).toContain('planted');
    expect(fixture.steps.some((s) => s.kind === 'request' && s.request.op === 'calibrate_fee')).toBe(true);
    seedFound = failure.seed;
  }, 300_000);

  it('the regression fails parity against the planted implementation and passes once it is removed', async () => {
    expect(fixture, 'the previous test wrote no fixture').toBeDefined();
    const common = { fixturesRoot: root, repoRoot: repo, selectors: [], timeoutMs: 10_000, knownDivergences: [] };
    const bad = await runParity({ ...common, implementations: [referenceImplementation, { name: 'planted', kind: 'process', command: planted }] });
    expect(bad.kind).toBe('ran');
    if (bad.kind !== 'ran') return;
    expect(bad.failed).toBe(true);
    const diverged = bad.cases.filter((c) => c.status === 'diverged');
    expect(diverged.map((c) => [c.implementation, c.fixture.loaded.fixture.name])).toEqual([['planted', fixture.name]]);
    const good = await runParity({ ...common, implementations: [referenceImplementation, { name: 'rust', kind: 'process', command: RUST_BINARY }] });
    expect(good.kind === 'ran' && !good.failed).toBe(true);
  }, 120_000);

  it('shrinks deterministically: the same seed gives the same minimal scenario', async () => {
    expect(seedFound, 'no failing seed from the first test').toBeGreaterThan(0);
    const options = { level: 'adversarial' as const, seed: seedFound, timeoutMs: 10_000, cwd: repo, skipKernelInvariants: true };
    const once = await shrinkScenario([target], options);
    const twice = await shrinkScenario([target], options);
    expect(once).toBeDefined();
    expect(twice?.minimal).toEqual(once?.minimal);
    expect(once?.minimal.steps).toEqual(fixture.steps);
  }, 300_000);

  it('pnpm fuzz exits non-zero and prints a one-line repro', () => {
    const out = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'fuzz', '--seed', String(seedFound), '--runs', '1', '--level', 'adversarial', '--impl', planted, '--regressions', join(root, 'cli')], { cwd: repo, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
    expect(out.status, out.stderr).toBe(1);
    expect(out.stdout).toMatch(/repro: pnpm fuzz --seed \d+ --runs 1 --level adversarial --impl /);
    expect(readdirSync(join(root, 'cli')).filter((f) => f.endsWith('.json'))).toHaveLength(1);
  }, 300_000);
});
