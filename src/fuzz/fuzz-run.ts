/**
 * A fuzz run: regression fixtures first, then generated scenarios in batches until the run
 * count or the time budget is reached; the first failing scenario is shrunk, written as a
 * regression fixture, and ends the run. Seeds: scenario k of shard i/n has seed
 * `seed + k*n + i` (mod 2^31), so shards of one run never share a scenario and together
 * cover the same seeds as one unsharded run. Each scenario is reproducible from its own
 * seed alone: `pnpm fuzz --seed <s> --runs 1 --level <level>`.
 */
import { performance } from 'node:perf_hooks';
import { goldenBaseline, judgeFixture } from '../harness/fixture-verdict.js';
import { REFERENCE_NAME } from '../harness/implementation.js';
import { runInProcessImplementation } from '../harness/in-process-driver.js';
import { createReferenceSession } from '../harness/reference-session.js';
import { placeFixture } from '../harness/session-frame.js';
import { checkReference, checkScenarioBatch, checkTargets, failureSignature, type FuzzTarget, type ScenarioFailure } from './fuzz-engine.js';
import { failureFacts } from './failure-facts.js';
import { failureSignatureOf } from './failure-signature.js';
import type { FuzzFailureRecord, FuzzReport } from './fuzz-report.js';
import { MatrixCoverage } from './matrix-coverage.js';
import { ReferencePool, type PooledBatch } from './reference-pool.js';
import { recordKnownSignature } from './known-signatures.js';
import { loadRegressions, writeRegression } from './regression-fixtures.js';
import type { Scenario } from './scenario.js';
import type { LevelChoice, ScenarioArbitraryConstraints } from './scenario-arbitrary.js';
import { shrinkScenario } from './shrink-scenario.js';

export interface FuzzOptions {
  readonly seed: number;
  readonly runs: number;
  readonly timeBudgetMs?: number;
  readonly shard: { readonly index: number; readonly count: number };
  readonly level: LevelChoice;
  readonly targets: readonly FuzzTarget[];
  readonly cwd: string;
  readonly timeoutMs: number;
  /** Where regression fixtures are read from (first) and written to. */
  readonly regressionsDir: string;
  readonly batchSize?: number;
  /**
   * false: count failures and go on, without shrinking or writing fixtures (the bench);
   * default true: the first failure is shrunk, written, and ends the run.
   */
  readonly stopOnFailure?: boolean;
  /** Leave out the in-process state invariants (parity and response invariants only). */
  readonly skipKernelInvariants?: boolean;
  readonly generator?: ScenarioArbitraryConstraints;
  /**
   * Worker threads for generation and the reference leg (`reference-pool.ts`); while the
   * main thread drives the targets on one batch, the workers prepare the next. 0 or absent:
   * everything on the main thread, one batch after the other. Results are the same either way.
   */
  readonly workers?: number;
  /** Renders the command that replays one seed (for the repro line). */
  readonly reproCommand: (seed: number, level: LevelChoice) => string;
  /** The seed of scenario k (default `scenarioSeed(seed, k, shard)`); a task hashes its inputs instead (`fuzz-task.ts`). */
  readonly seedAt?: (k: number) => number;
  readonly onProgress?: (p: { scenarios: number; runs: number; elapsedMs: number; failures: number }) => void;
  readonly onLine?: (line: string) => void;
  /** Each failure as it is counted (with stopOnFailure false), so a task can write it at once. */
  readonly onFailure?: (f: FuzzFailureRecord, scenario: Scenario) => void;
  /** Leave out the regression fixtures (a task replays its own slice of them first). */
  readonly skipRegressions?: boolean;
}

const SEED_SPACE = 2 ** 31;

export function scenarioSeed(base: number, k: number, shard: { index: number; count: number }): number {
  return (((base + k * shard.count + shard.index) % SEED_SPACE) + SEED_SPACE) % SEED_SPACE;
}

import { generateScenario } from './scenario-generation.js';

export { generateScenario };

/** What a report keeps of one failure: its facts and signature, and the scenario's size. */
export function failureRecord(f: ScenarioFailure, s: Scenario) {
  // A failure without facts (a target that never started) still gets a signature: its class and step kind.
  const facts = f.facts ?? failureFacts(s.steps, f.step, '', undefined, undefined);
  const signature = failureSignatureOf({ kind: f.kind, implementation: f.implementation, facts });
  return { level: s.level, kind: f.kind, implementation: f.implementation, summary: f.summary, steps: s.steps.length, step: f.step, facts, signature };
}

function countFailure(f: ScenarioFailure, tally: { divergences: number; invariants: number; crashes: number }): void {
  if (f.kind === 'divergence') tally.divergences += 1;
  else if (f.kind === 'invariant') tally.invariants += 1;
  else tally.crashes += 1;
}

export async function runFuzz(o: FuzzOptions): Promise<FuzzReport> {
  const started = performance.now();
  const coverage = new MatrixCoverage();
  const tally = { divergences: 0, invariants: 0, crashes: 0 };
  const failures: FuzzFailureRecord[] = [];
  const timings: Record<string, number> = { generation: 0, reference: 0, invariants: 0, shrink: 0 };
  const addTimings = (t: { reference: number; invariants: number; targets: Record<string, number> }) => {
    timings.reference! += t.reference;
    timings.invariants! += t.invariants;
    for (const [k, v] of Object.entries(t.targets)) timings[k] = (timings[k] ?? 0) + v;
  };
  /** Signatures of the failing regression fixtures: new scenarios failing alike are repeats, not news. */
  const knownSignatures = new Set<string>();
  let knownRepeats = 0;
  const batchOptions = { timeoutMs: o.timeoutMs, cwd: o.cwd, coverage, skipKernelInvariants: o.skipKernelInvariants ?? false };

  // The worker threads start first: loading and compiling take about half a second each,
  // which the regression fixtures' replay on this thread then overlaps.
  const pool = (o.workers ?? 0) > 0 ? new ReferencePool(o.workers ?? 0) : undefined;
  // 1. Regression fixtures, every one, before anything new.
  let regressions: ReturnType<typeof loadRegressions> = [];
  const replayRegressions = async (): Promise<void> => {
    if (regressions.length === 0) return;
    const asScenarios: Scenario[] = regressions.map(({ fixture }) => ({ level: 'adversarial', config: fixture.config, steps: fixture.steps }));
    const result = await checkScenarioBatch(asScenarios, o.targets, batchOptions);
    addTimings(result.timings);
    const golden = runInProcessImplementation(REFERENCE_NAME, createReferenceSession, regressions.map(({ file, fixture }) => ({ loaded: { file, fixture }, placement: placeFixture(fixture) })));
    regressions.forEach(({ file, fixture }, i) => {
      const verdict = judgeFixture(golden.fixtures[i]!, goldenBaseline(fixture));
      const failure: ScenarioFailure | undefined =
        result.failures[i] ??
        (verdict.status === 'passed'
          ? undefined
          : { kind: 'divergence', implementation: `${REFERENCE_NAME} vs golden`, step: verdict.step, summary: verdict.status === 'diverged' ? `golden answer differs at step ${verdict.step} ${verdict.difference.pointer}` : verdict.message });
      if (failure === undefined) return;
      countFailure(failure, tally);
      knownSignatures.add(failureSignature(failure));
      failures.push({ seed: fixture.origin?.seed ?? 0, level: 'regression', kind: failure.kind, implementation: failure.implementation, summary: `${fixture.name}: ${failure.summary}`, regression: file, repro: `pnpm parity --fixture ${fixture.name}` });
    });
  };
  // A pool left open would keep the process alive after the error.
  try {
    regressions = o.skipRegressions ? [] : loadRegressions(o.regressionsDir);
    await replayRegressions();
  } catch (error) {
    await pool?.close();
    throw error;
  }

  // 2. Generated scenarios.
  // One target process per batch: starting one costs the main thread about 12 ms (a fork of
  // this process; measured in a CPU profile of the loop), a fifth of a millisecond per
  // scenario at 64 a batch and a twentieth at 256. A run that stops at its first failure keeps
  // 64, so that it checks no more scenarios past that failure than it always did (its report
  // is unchanged); a run that counts failures and goes on checks every scenario anyway.
  const batchSize = o.batchSize ?? ((o.stopOnFailure ?? true) ? 64 : 256);
  let k = 0;
  let steps = 0;
  const deadline = o.timeBudgetMs === undefined ? Infinity : started + o.timeBudgetMs;
  const stop = o.stopOnFailure ?? true;
  // A failing regression fixture is known ground: it fails the run, but exploring goes on.
  const known = failures.length;
  const skip = o.skipKernelInvariants ?? false;
  /** Generation and the reference leg of the batch that starts at scenario `from`. */
  const prepare = async (from: number): Promise<PooledBatch & { seeds: number[] }> => {
    const n = Math.min(batchSize, o.runs - from);
    const seeds = Array.from({ length: n }, (_, j) => (o.seedAt ? o.seedAt(from + j) : scenarioSeed(o.seed, from + j, o.shard)));
    if (pool) return { seeds, ...(await pool.run(seeds, o.level, o.generator, skip)) };
    const t0 = performance.now();
    const scenarios = seeds.map((s) => generateScenario(o.level, s, o.generator));
    const generationMs = performance.now() - t0;
    return { seeds, scenarios, generationMs, coverage: [], checked: checkReference(scenarios, { coverage, skipKernelInvariants: skip }) };
  };
  const more = (from: number) => from < o.runs && performance.now() < deadline;
  // With workers, the next batches are prepared while this one's targets run (dropped unused
  // when the run stops first); two ahead, so that no thread runs out of chunks at a batch's
  // end. Without workers, batches run strictly one after the other.
  // A prepared batch that is never awaited (the run stopped) must not fail the process.
  const start = (from: number) => {
    const p = prepare(from);
    p.catch(() => undefined);
    return p;
  };
  const ahead: Promise<PooledBatch & { seeds: number[] }>[] = [];
  let nextFrom = 0;
  const fill = (depth: number) => {
    while (ahead.length < depth && more(nextFrom)) {
      ahead.push(start(nextFrom));
      nextFrom += Math.min(batchSize, o.runs - nextFrom);
    }
  };
  fill(pool ? 2 : 1);
  try {
    while (ahead.length > 0 && (failures.length === known || !stop)) {
      const batch = await ahead.shift()!;
      const { seeds, scenarios } = batch;
      const n = seeds.length;
      if (pool) fill(2);
      timings.generation! += batch.generationMs;
      for (const c of batch.coverage) coverage.merge(c);
      pool?.setMainMayHelp(o.targets.length === 0);
      const result = await checkTargets(batch.checked, o.targets, batchOptions, seeds);
      pool?.setMainMayHelp(true);
      addTimings(result.timings);
      steps += result.steps;
      k += n;
      result.failures.forEach((f) => f && countFailure(f, tally));
      // Failures like a failing regression fixture are counted (the run fails) but not shrunk again.
      const fresh = result.failures.map((f) => {
        if (f === undefined || !knownSignatures.has(failureSignature(f))) return f;
        knownRepeats += 1;
        return undefined;
      });
      const at = fresh.findIndex((f) => f !== undefined);
      if (at >= 0 && !stop) {
        fresh.forEach((f, j) => {
          if (!f) return;
          const record = { ...failureRecord(f, scenarios[j]!), seed: seeds[j]!, repro: o.reproCommand(seeds[j]!, o.level) };
          failures.push(record);
          o.onFailure?.(record, scenarios[j]!);
        });
      } else if (at >= 0) {
        const seed = seeds[at]!;
        const first = fresh[at]!;
        o.onLine?.(`seed ${seed}: ${first.kind} on ${first.implementation}: ${first.summary}; shrinking...`);
        const t = performance.now();
        // Only the implementation that failed takes part in the shrink (none when the reference did).
        const shrinkTargets = o.targets.filter((x) => x.name === first.implementation || first.implementation.includes(`(${x.name})`));
        const shrunk = await shrinkScenario(shrinkTargets, { level: o.level, seed, timeoutMs: o.timeoutMs, cwd: o.cwd, skipKernelInvariants: o.skipKernelInvariants ?? false, ...(o.generator ? { generator: o.generator } : {}) });
        timings.shrink! += performance.now() - t;
        const minimal = shrunk?.minimal ?? scenarios[at]!;
        const failure = shrunk?.failure ?? first;
        const found = `${failure.kind} on ${failure.implementation}: ${failure.summary}`;
        let regression: string;
        try {
          const written = writeRegression(o.regressionsDir, { scenario: minimal, seed, found });
          regression = written.path;
          // The shrunk failure's signature marks it known from now on (`known-signatures.ts`).
          recordKnownSignature(o.regressionsDir, written.fixture.name, failureRecord(failure, minimal).signature);
        } catch (error) {
          // The reference engine itself cannot answer it (it crashed): the seed still reproduces it.
          regression = `(not written: ${(error as Error).message.split('\n')[0]})`;
        }
        failures.push({ ...failureRecord(failure, minimal), seed, regression, repro: o.reproCommand(seed, o.level) });
      }
      o.onProgress?.({ scenarios: k, runs: o.runs, elapsedMs: performance.now() - started, failures: failures.length });
      if (!pool) fill(1);
    }
  } finally {
    await pool?.close();
  }

  return {
    report_version: 1,
    shard: o.shard,
    seed: o.seed,
    level: o.level,
    implementations: o.targets.map((t) => t.name),
    scenarios: k,
    steps,
    regressions_run: regressions.length,
    elapsed_ms: performance.now() - started,
    divergences: tally.divergences,
    invariant_violations: tally.invariants,
    crashes: tally.crashes,
    known_repeats: knownRepeats,
    failures,
    coverage: coverage.toJSON(),
    timings_ms: timings,
  };
}
