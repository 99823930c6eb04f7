/**
 * Bench section `fuzz`: generated scenarios of about 50 steps (levels mixed as `pnpm fuzz`
 * mixes them) through the reference engine in process and the Rust kernel, with the state
 * invariants checked after every step; scenarios per second and per minute (target: at
 * least 20,000 scenarios of 50 steps per minute), and where the time goes: generation
 * (which runs the reference kernel in the loop for realistic lifecycles), the reference
 * engine's protocol session, the invariant checks, the Rust kernel alone (the same lines
 * piped from a file, output thrown away), and the harness (driving Rust and comparing,
 * i.e. the Rust leg minus the Rust kernel alone). Generation and the reference leg run on a
 * worker thread and the main thread (`reference-pool.ts`), as `pnpm fuzz` runs them, so the
 * shares are of CPU time summed over threads, not of wall time.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { runFuzz, generateScenario, scenarioSeed } from '../../src/fuzz/fuzz-run.js';
import { scenarioFixture } from '../../src/fuzz/scenario-fixture.js';
import { ensureRustKernel, RUST_BINARY } from '../../src/harness/implementation.js';
import { planSegment } from '../../src/harness/process-driver.js';
import { helloLine, placeFixture } from '../../src/harness/session-frame.js';
import type { BenchContext, BenchSection } from './kit/types.js';

const STEPS = 50;

/** Milliseconds for the Rust kernel alone to answer the lines the harness would send. */
function rustAloneMs(root: string, seed: number, runs: number): number {
  const fixtures = Array.from({ length: runs }, (_, k) => scenarioFixture(generateScenario('all', scenarioSeed(seed, k, { index: 0, count: 1 }), { minCommands: STEPS, maxCommands: STEPS }), { name: `bench-${k}` }));
  const planned = fixtures.map((fixture) => ({ loaded: { file: fixture.name, fixture }, placement: placeFixture(fixture) }));
  const dir = mkdtempSync(join(tmpdir(), 'lockstep-bench-fuzz-'));
  try {
    const files: string[] = [];
    for (let next = 0; next < planned.length; ) {
      const segment = planSegment(planned, next);
      const lines = [Buffer.from(helloLine(), 'utf8'), ...segment.flatMap((e) => e.lines)];
      const file = join(dir, `s${files.length}.jsonl`);
      writeFileSync(file, Buffer.concat(lines.flatMap((l) => [l, Buffer.from('\n')])));
      files.push(file);
      next = segment.at(-1)!.index + 1;
    }
    const started = performance.now();
    for (const f of files) execFileSync('sh', ['-c', `${RUST_BINARY} < '${f}' > /dev/null`], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
    return performance.now() - started;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(ctx: BenchContext): Promise<BenchSection> {
  const problem = ensureRustKernel(ctx.root);
  if (problem) throw new Error(problem);
  const runs = ctx.quick ? 200 : 1000;
  const seed = 1234;
  const regressionsDir = mkdtempSync(join(tmpdir(), 'lockstep-bench-fuzz-regressions-'));
  try {
    ctx.log(`fuzz: ${runs} scenarios of ~${STEPS} steps`);
    const report = await runFuzz({
      seed, runs, shard: { index: 0, count: 1 }, level: 'all', targets: [{ name: 'rust', command: RUST_BINARY }],
      cwd: ctx.root, timeoutMs: 10_000, regressionsDir, batchSize: 200, stopOnFailure: false, workers: Math.max(1, cpus().length - 1),
      generator: { minCommands: STEPS, maxCommands: STEPS }, reproCommand: (s) => `pnpm fuzz --seed ${s} --runs 1`,
    });
    const secs = report.elapsed_ms / 1000;
    const perMinute = (report.scenarios / secs) * 60;
    const t = report.timings_ms;
    const alone = rustAloneMs(ctx.root, seed, report.scenarios);
    const parts: [string, number][] = [
      ['generation (reference kernel in the loop)', t.generation ?? 0],
      ['reference engine, protocol session', t.reference ?? 0],
      ['invariant checks (in-process replay)', t.invariants ?? 0],
      ['rust kernel alone', alone],
      ['harness (driving rust, comparing)', Math.max(0, (t.rust ?? 0) - alone)],
    ];
    const total = parts.reduce((s, [, v]) => s + v, 0);
    return {
      title: 'fuzz: generated scenarios through both implementations',
      rows: [
        { name: 'scenarios', value: report.scenarios, unit: '', note: `${report.steps} steps, ${(report.steps / Math.max(1, report.scenarios)).toFixed(1)} steps/scenario, ${report.divergences + report.invariant_violations + report.crashes} failing (counted, not shrunk), load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores` },
        { name: 'throughput', value: report.scenarios / secs, unit: 'scenarios/s', note: `${(report.steps / secs).toFixed(0)} steps/s` },
        { name: 'throughput per minute', value: perMinute, unit: 'scenarios/min', note: `target >= 20,000 of ${STEPS} steps` },
        ...parts.map(([name, ms]) => ({ name: `share: ${name}`, value: (100 * ms) / total, unit: '%', note: `${ms.toFixed(0)} ms` })),
      ],
      ratios: [{ name: 'scenarios per minute / target', value: perMinute / 20_000, note: 'target >= 1' }],
    };
  } finally {
    rmSync(regressionsDir, { recursive: true, force: true });
  }
}
