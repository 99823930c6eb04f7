/**
 * The reference leg of a batch (failures 1 to 3 of `fuzz-engine.ts`): scenarios as fixtures,
 * answered by one pass of the reference's protocol session each (`reference-answers.ts`), with
 * the coverage, the response invariants and the state invariants taken from that pass. Kept
 * apart from the target legs so that a worker thread (`reference-worker.ts`) loads only this.
 */
import { performance } from 'node:perf_hooks';
import type { Fixture, ProtocolResponse } from '../../generated/ts/types.js';
import type { Session } from '../protocol/index.js';
import type { FixtureRun, ImplementationRun, PlannedFixture } from '../harness/fixture-run.js';
import { REFERENCE_NAME } from '../harness/implementation.js';
import { placeFixture } from '../harness/session-frame.js';
import { failureFacts } from './failure-facts.js';
import { KernelInvariantWatch, kernelInvariantViolations } from './kernel-invariants.js';
import type { MatrixCoverage } from './matrix-coverage.js';
import { answerReference } from './reference-answers.js';
import { ResponseInvariantChecker } from './response-invariants.js';
import type { Scenario } from './scenario.js';
import type { ScenarioFailure } from './scenario-failure.js';
import { scenarioFixture } from './scenario-fixture.js';

export interface ReferenceCheckOptions {
  /** Collects matrix cells and refusals from the reference's responses. */
  readonly coverage?: MatrixCoverage;
  /** Skip the in-process state invariants (the response-level ones still run). */
  readonly skipKernelInvariants?: boolean;
  /** Index in the batch of the first scenario (names its fixture). */
  readonly firstIndex?: number;
}

function planned(fixtures: readonly Fixture[]): PlannedFixture[] {
  return fixtures.map((fixture) => ({ loaded: { file: `<generated ${fixture.name}>`, fixture }, placement: placeFixture(fixture) }));
}

/** A response-level failure with its facts: the invariant's name stands in for the pointer. */
export function withFacts(f: ScenarioFailure, steps: Scenario['steps'], referenceText: string | undefined, targetText: string | undefined): ScenarioFailure {
  const invariant = f.summary.startsWith('response is not JSON') ? 'response-is-json' : f.summary.split(':')[0]!;
  return { ...f, facts: failureFacts(steps, f.step, `invariant:${invariant}`, referenceText, targetText) };
}

/** The reference leg of a batch: what the in-process engine answered, and each scenario's first failure there. */
export interface ReferenceCheck {
  readonly reference: ImplementationRun;
  readonly failures: (ScenarioFailure | undefined)[];
  readonly steps: number;
  readonly timings: { reference: number; invariants: number };
}

/**
 * Runs scenarios through the reference engine and checks the state invariants and the
 * reference's response invariants (failures 1 to 3 above). Synchronous and free of I/O, so
 * it can run on a worker thread (`reference-pool.ts`) while the main thread drives targets.
 */
export function checkReference(
  scenarios: readonly Scenario[],
  options: ReferenceCheckOptions,
): ReferenceCheck {
  // Names follow the scenario's place in its whole batch, also when a worker checks a slice.
  const first = options.firstIndex ?? 0;
  // Batch fixtures stay in the run: their id is not hashed (a fixture that is written is built again).
  const fixtures = scenarios.map((s, i) => scenarioFixture(s, { name: `fuzz-${first + i}`, unhashedId: true }));
  const plan = planned(fixtures);
  const failures: (ScenarioFailure | undefined)[] = scenarios.map(() => undefined);
  const timings = { reference: 0, invariants: 0 };
  const started = performance.now();
  let greeting: string | undefined;
  let steps = 0;
  const runs = plan.map((entry, i) => {
    // One pass of the reference session: its answers, and from each answer's response object
    // the matrix coverage and the response invariants, checked as the answer is written.
    const t = performance.now();
    // The state invariants are watched on the same session's kernel (`KernelInvariantWatch`).
    const checker = new ResponseInvariantChecker();
    const coverage = options.coverage;
    const watch = options.skipKernelInvariants ? undefined : new KernelInvariantWatch();
    // Time in the watch is the invariants' share of this pass (the bench reports it apart).
    let watched = 0;
    const answered = answerReference(entry, {
      ...(watch
        ? {
            beforeLine: (session: Session) => {
              const w = performance.now();
              watch.beforeLine(session.currentKernel);
              watched += performance.now() - w;
            },
          }
        : {}),
      answer: (index, step, response, written, session) => {
        if (watch) {
          const w = performance.now();
          watch.afterAnswer(step, response as ProtocolResponse, written, session.currentKernel);
          watched += performance.now() - w;
        }
        if (index === 0) coverage?.addResult((response as { result?: unknown }).result);
        else {
          coverage?.addResponse(response);
          checker.check(index - 1, response);
        }
      },
    });
    greeting ??= answered.greeting;
    timings.reference += performance.now() - t - watched;
    const u = performance.now();
    steps += scenarios[i]!.steps.length;
    failures[i] = referenceFailure(scenarios[i]!, answered.run, checker, watch);
    timings.invariants += performance.now() - u + watched;
    return answered.run;
  });
  const reference: ImplementationRun = { name: REFERENCE_NAME, hello: greeting, fixtures: runs, wallMs: performance.now() - started, problems: [], sessions: plan.length };
  return { reference, failures, steps, timings };
}

/**
 * A scenario's first failure on the reference (failures 1 to 3 above), given its run and its
 * answers' checks; no watch: the state invariants were left out.
 */
function referenceFailure(scenario: Scenario, run: FixtureRun, checker: ResponseInvariantChecker, watch: KernelInvariantWatch | undefined): ScenarioFailure | undefined {
  const scenarioSteps = scenario.steps;
  const answerAt = (step: number) => run.responses[step + 1];
  if (run.status === 'errored') {
    const step = run.responses.length - 1;
    return { kind: 'crash', implementation: REFERENCE_NAME, step, summary: run.message.split('\n')[0]!, facts: failureFacts(scenarioSteps, step, '', undefined, undefined) };
  }
  if (watch !== undefined) {
    let v = watch.violations[0];
    if (watch.needsReplay) {
      // A line the watch cannot judge (the kernel threw, or an answer could not be written):
      // a separate kernel replays the scenario and names what broke (`KernelInvariantWatch`).
      try {
        v = kernelInvariantViolations(scenario)[0];
      } catch (error) {
        v = { step: -1, invariant: 'no-throw', detail: `in-process replay threw: ${(error as Error).message.split('\n')[0]}` };
      }
    }
    if (v !== undefined) {
      // A kernel violation names its invariant first in the detail (`<name>: <message>`).
      const name = v.invariant === 'kernel' ? `kernel:${v.detail.split(':')[0]}` : v.invariant;
      return { kind: 'invariant', implementation: REFERENCE_NAME, step: v.step, summary: `${v.invariant}: ${v.detail}`, facts: failureFacts(scenarioSteps, v.step, `invariant:${name}`, answerAt(v.step), undefined) };
    }
  }
  const v = checker.violations[0];
  if (v === undefined) return undefined;
  return withFacts({ kind: 'invariant', implementation: REFERENCE_NAME, step: v.step, summary: `${v.invariant}: ${v.detail}` }, scenarioSteps, answerAt(v.step), undefined);
}
