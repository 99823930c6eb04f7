/**
 * The fuzz loop's floor: what each stage of one scenario costs on one thread once warm, with
 * nothing else running in it, on scenarios built beforehand (best of several passes over the
 * same scenarios, CPU time). Summed with the Rust kernel's own CPU per step, it bounds what any
 * arrangement of the same work on this machine can reach: the cores times a minute, divided by
 * the work of one scenario. The loop's measured rate (`fuzz.ts`) is then read against this
 * ceiling, and the targets against both.
 */
import { performance } from 'node:perf_hooks';
import type { Fixture, ProtocolResponse } from '../../generated/ts/types.js';
import { generateScenario, scenarioSeed } from '../../src/fuzz/fuzz-run.js';
import { KernelInvariantWatch } from '../../src/fuzz/kernel-invariants.js';
import { MatrixCoverage } from '../../src/fuzz/matrix-coverage.js';
import { answerReference } from '../../src/fuzz/reference-answers.js';
import { ResponseInvariantChecker } from '../../src/fuzz/response-invariants.js';
import { scenarioFixture } from '../../src/fuzz/scenario-fixture.js';
import { judgeFixture, referenceBaseline } from '../../src/harness/fixture-verdict.js';
import { sessionInputs } from '../../src/harness/process-driver.js';
import { placeFixture, requestTextsOf } from '../../src/harness/session-frame.js';
import type { PlannedFixture } from '../../src/harness/fixture-run.js';

/** Per-step CPU microseconds of each stage, on one thread. */
export interface FuzzFloor {
  readonly steps: number;
  readonly generation: number;
  readonly requestTexts: number;
  readonly referenceSession: number;
  readonly responseChecks: number;
  readonly stateInvariants: number;
  /** The harness's own part of a target leg: the wire lines built, the answers judged. */
  readonly harness: number;
}

/** CPU milliseconds of `fn`, best of `rounds` after one warm-up round. */
function bestCpuMs(rounds: number, fn: () => void): number {
  return bestCpuMsEach(rounds, [fn])[0]!;
}

/**
 * The same for several functions, run in turn within each round: a burst of load from
 * elsewhere then falls on all of them alike, so differences between them stay meaningful.
 */
function bestCpuMsEach(rounds: number, fns: readonly (() => void)[]): number[] {
  for (const fn of fns) fn();
  const best = fns.map(() => Infinity);
  for (let r = 0; r < rounds; r++) {
    fns.forEach((fn, i) => {
      const before = process.cpuUsage();
      fn();
      const used = process.cpuUsage(before);
      best[i] = Math.min(best[i]!, (used.user + used.system) / 1000);
    });
  }
  return best;
}

function plan(fixture: Fixture): PlannedFixture {
  return { loaded: { file: fixture.name, fixture }, placement: placeFixture(fixture) };
}

/**
 * Measures each stage on `scenarios` scenarios of `steps` commands (levels mixed as the loop
 * mixes them), the harness's included (wire lines and verdicts, the pipes left out). Each
 * stage is timed alone where it can be; the state invariants, which watch
 * the session's own kernel, as their extra cost over the reference session. Repeating the same
 * scenarios keeps caches warmer than a run of fresh ones does: this is an optimistic bound.
 */
export function measureFuzzFloor(seed: number, scenarios: number, steps: number, rounds: number): FuzzFloor {
  const seeds = Array.from({ length: scenarios }, (_, k) => scenarioSeed(seed, k, { index: 0, count: 1 }));
  const drawn = seeds.map((s) => generateScenario('all', s, { minCommands: steps, maxCommands: steps }));
  const fixtures = drawn.map((s, i) => scenarioFixture(s, { name: `floor-${i}`, unhashedId: true }));
  const total = fixtures.reduce((n, f) => n + f.steps.length, 0);
  const perStep = (ms: number) => (ms * 1000) / total;
  const generation = bestCpuMs(rounds, () => {
    for (const s of seeds) generateScenario('all', s, { minCommands: steps, maxCommands: steps });
  });
  // Texts are kept per fixture object: fresh fixtures each round, so each round writes them.
  const requestTexts = bestCpuMs(rounds, () => {
    for (const s of drawn) requestTextsOf(scenarioFixture(s, { name: 'floor', unhashedId: true }));
  });
  const plans = fixtures.map(plan);
  for (const p of plans) requestTextsOf(p.loaded.fixture);

  // The checks read each answer's response object: timed alone over the objects of one pass.
  const answers = plans.map((p) => {
    const objects: unknown[] = [];
    answerReference(p, { answer: (index, _step, response) => void (objects[index] = response) });
    return objects;
  });
  const checks = bestCpuMs(rounds, () => {
    const coverage = new MatrixCoverage();
    for (const objects of answers) {
      const checker = new ResponseInvariantChecker();
      objects.forEach((response, index) => {
        if (index === 0) coverage.addResult((response as { result?: unknown }).result);
        else {
          coverage.addResponse(response);
          checker.check(index - 1, response);
        }
      });
    }
  });
  const [session, watched] = bestCpuMsEach(rounds + 2, [
    () => {
      for (const p of plans) answerReference(p, { answer: () => {} });
    },
    () => {
      for (const p of plans) {
        const watch = new KernelInvariantWatch();
        answerReference(p, {
          beforeLine: (s) => watch.beforeLine(s.currentKernel),
          answer: (_index, step, response, written, s) => watch.afterAnswer(step, response as ProtocolResponse, written, s.currentKernel),
        });
      }
    },
  ]) as [number, number];
  // A target that answers exactly as the reference did: the verdicts take their fast path.
  const runs = plans.map((p) => answerReference(p, { answer: () => {} }).run);
  const harness = bestCpuMs(rounds, () => {
    sessionInputs(plans);
    for (const run of runs) {
      const baseline = referenceBaseline(run);
      if (baseline !== undefined) judgeFixture(run, baseline);
    }
  });
  return {
    steps: total,
    generation: perStep(generation),
    requestTexts: perStep(requestTexts),
    referenceSession: perStep(session),
    responseChecks: perStep(checks),
    stateInvariants: perStep(Math.max(0, watched - session)),
    harness: perStep(harness),
  };
}

/** The floor's stages summed: the loop's own CPU per step on one thread (the target's not included). */
export function loopPerStep(f: FuzzFloor): number {
  return f.generation + f.requestTexts + f.referenceSession + f.responseChecks + f.stateInvariants + f.harness;
}

/** Wall time of `measureFuzzFloor` itself, for the section's log. */
export function timedFloor(seed: number, scenarios: number, steps: number, rounds: number): { floor: FuzzFloor; ms: number } {
  const started = performance.now();
  const floor = measureFuzzFloor(seed, scenarios, steps, rounds);
  return { floor, ms: performance.now() - started };
}
