/**
 * Runs a batch of scenarios through the reference engine (in process) and every target
 * implementation (a protocol-speaking command), using the parity harness's drivers and
 * comparator, and returns the first failure of each scenario:
 *
 * 1. the reference engine throws (`crash` of ts-in-process);
 * 2. a state invariant breaks on the in-process engine (`kernel-invariants.ts`);
 * 3. a response-level invariant breaks in the reference's responses;
 *
 * (1 to 3 come from one pass of the reference's protocol session per scenario,
 * `reference-answers.ts`: its answers, coverage, and the evidence of both kinds of invariant);
 * 4. a target crashes, hangs, or its canonical responses differ from the reference's
 *    (error responses compared on code/path per docs/protocol.md: the harness comparator);
 * 5. a response-level invariant breaks in a target's responses.
 *
 * One process per target serves the whole batch (the harness relocates each scenario into
 * the running session), so a batch costs one spawn, not one per scenario.
 */
import { performance } from 'node:perf_hooks';
import type { Fixture, ProtocolResponse } from '../../generated/ts/types.js';
import type { Session } from '../protocol/index.js';
import type { FixtureRun, ImplementationRun, PlannedFixture } from '../harness/fixture-run.js';
import { baselineTextAt } from '../harness/baseline-response.js';
import { judgeFixture, referenceBaseline, type Baseline } from '../harness/fixture-verdict.js';
import { REFERENCE_NAME } from '../harness/implementation.js';
import { runProcessImplementation } from '../harness/process-driver.js';
import { placeFixture } from '../harness/session-frame.js';
import { plantCanary } from './canary-target.js';
import { answerReference } from './reference-answers.js';
import { failureFacts, type FailureFacts } from './failure-facts.js';
import { KernelInvariantWatch, kernelInvariantViolations } from './kernel-invariants.js';
import { MatrixCoverage } from './matrix-coverage.js';
import { ResponseInvariantChecker } from './response-invariants.js';
import type { Scenario } from './scenario.js';
import { scenarioFixture } from './scenario-fixture.js';

export interface FuzzTarget {
  readonly name: string;
  readonly command: string;
  /** Seeds whose answers get a divergence planted on purpose (the canary target, `canary-target.ts`). */
  readonly plantsOn?: (seed: number) => boolean;
}

export type FailureKind = 'divergence' | 'invariant' | 'crash' | 'hang';

export interface ScenarioFailure {
  readonly kind: FailureKind;
  readonly implementation: string;
  /** Scenario step index (-1: the configure line). */
  readonly step: number;
  /** One line: what broke, where, both values. */
  readonly summary: string;
  /** The domain facts its signature is built from (`failure-signature.ts`). */
  readonly facts?: FailureFacts;
}

export interface BatchTimings {
  reference: number;
  invariants: number;
  targets: Record<string, number>;
}

export interface BatchResult {
  readonly failures: readonly (ScenarioFailure | undefined)[];
  readonly steps: number;
  readonly timings: BatchTimings;
}

export interface BatchOptions {
  readonly timeoutMs: number;
  readonly cwd: string;
  /** Collects matrix cells from the reference's responses. */
  readonly coverage?: MatrixCoverage;
  /** Skip the in-process state invariants (the response-level ones still run). */
  readonly skipKernelInvariants?: boolean;
}

/**
 * What kind of failure this is, without the particulars of one scenario (step numbers, values):
 * the implementation, the kind, and the JSON path (and the pointer a parse note names) of a
 * divergence or the name of a broken invariant. Two scenarios with one signature most likely
 * show one bug.
 */
export function failureSignature(f: ScenarioFailure): string {
  let core: string;
  if (f.kind === 'divergence') {
    const at = /at (\S*):/.exec(f.summary)?.[1] ?? '';
    const note = /\(([^()]*)\)$/.exec(f.summary)?.[1] ?? '';
    const notePointer = /pointer "([^"]*)"/.exec(note)?.[1] ?? '';
    core = `${at} ${note.split(':')[0] ?? ''} ${notePointer}`;
  } else {
    // `kernel: <invariant name>: ...`, `<response invariant>: ...`, or `state-serialisable: after <op>: ... pointer "<p>"`.
    const tokens = f.summary.split(':');
    const pointer = /pointer "([^"]*)"/.exec(f.summary)?.[1];
    core = tokens[0] === 'kernel' ? tokens.slice(0, 2).join(':') : `${tokens[0] ?? ''}${pointer !== undefined ? ` ${pointer}` : ''}`;
  }
  return `${f.kind}|${f.implementation}|${core.replace(/\d+/g, '#')}`;
}

const short = (v: unknown): string => {
  const text = typeof v === 'string' ? v : JSON.stringify(v);
  return text === undefined ? 'absent' : text.length > 160 ? `${text.slice(0, 157)}...` : text;
};

function planned(fixtures: readonly Fixture[]): PlannedFixture[] {
  return fixtures.map((fixture) => ({ loaded: { file: `<generated ${fixture.name}>`, fixture }, placement: placeFixture(fixture) }));
}

/** The responses after configure's (`lines[i + 1]` answers step i), parsed; or the first that is not JSON. */
function parseStepResponses(lines: readonly string[], implementation: string): unknown[] | ScenarioFailure {
  const parsed: unknown[] = [];
  for (let i = 1; i < lines.length; i++) {
    try {
      parsed.push(JSON.parse(lines[i]!));
    } catch {
      return { kind: 'invariant', implementation, step: i - 1, summary: `response is not JSON: ${lines[i]!.slice(0, 120)}` };
    }
  }
  return parsed;
}

function responseInvariantOf(parsed: readonly unknown[], implementation: string): ScenarioFailure | undefined {
  const checker = new ResponseInvariantChecker();
  parsed.forEach((response, step) => checker.check(step, response));
  const v = checker.violations[0];
  return v === undefined ? undefined : { kind: 'invariant', implementation, step: v.step, summary: `${v.invariant}: ${v.detail}` };
}

/** A response-level failure with its facts: the invariant's name stands in for the pointer. */
function withFacts(f: ScenarioFailure, steps: Scenario['steps'], referenceText: string | undefined, targetText: string | undefined): ScenarioFailure {
  const invariant = f.summary.startsWith('response is not JSON') ? 'response-is-json' : f.summary.split(':')[0]!;
  return { ...f, facts: failureFacts(steps, f.step, `invariant:${invariant}`, referenceText, targetText) };
}

function responseInvariant(lines: readonly string[], implementation: string): ScenarioFailure | undefined {
  const parsed = parseStepResponses(lines, implementation);
  return Array.isArray(parsed) ? responseInvariantOf(parsed, implementation) : parsed;
}

/**
 * Whether a target's step answers are the reference's texts, byte for byte but for the
 * relocated top-level seq (error answers: the same code and path, which the judge checked). The response invariants read each answer's `op` and `result`
 * only, so such answers give the reference's verdict, which held (a scenario that failed on
 * the reference never reaches the targets): they need not be parsed and checked again.
 */
function answersAsReference(run: FixtureRun, baseline: Baseline): boolean {
  const opening = run.responses.length - baseline.steps.length;
  if (opening < 0) return false;
  for (let step = 0; step < baseline.steps.length; step++) {
    const actual = run.responses[step + opening];
    const expected = baseline.steps[step]!;
    if (actual === baselineTextAt(expected, run.frame.seqOffset) || actual === baselineTextAt(expected, 0)) continue;
    // Error answers were judged equal on code and path (their messages may differ); the response
    // invariants do not read error answers at all, so such a pair gives the same verdict too.
    if (expected.kind === 'error' && actual?.startsWith('{"error":')) continue;
    return false;
  }
  return true;
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
  options: Pick<BatchOptions, 'coverage' | 'skipKernelInvariants'> & { readonly firstIndex?: number },
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

export async function checkScenarioBatch(scenarios: readonly Scenario[], targets: readonly FuzzTarget[], options: BatchOptions): Promise<BatchResult> {
  return checkTargets(checkReference(scenarios, options), targets, options);
}

/**
 * The target legs of a batch whose reference leg is done (failures 4 and 5 above): one
 * process per target serves every scenario, each compared with the reference's answers.
 * A scenario that already failed on the reference keeps that failure.
 */
export async function checkTargets(checked: ReferenceCheck, targets: readonly FuzzTarget[], options: BatchOptions, seeds?: readonly number[]): Promise<BatchResult> {
  const { reference, steps } = checked;
  const failures = [...checked.failures];
  const plan = reference.fixtures.map((run) => run.planned);
  const timings: BatchTimings = { ...checked.timings, targets: {} };
  let t: number;
  for (const target of targets) {
    t = performance.now();
    const run = await runProcessImplementation(target.name, target.command, plan, { timeoutMs: options.timeoutMs, cwd: options.cwd });
    run.fixtures.forEach((answered, i) => {
      if (failures[i] !== undefined) return;
      const seed = seeds?.[i];
      const fixtureRun = answered && target.plantsOn && seed !== undefined && target.plantsOn(seed) ? plantCanary(answered) : answered;
      const ref = reference.fixtures[i];
      const baseline = ref ? referenceBaseline(ref) : undefined;
      if (baseline === undefined || fixtureRun === undefined) return;
      let verdict: ReturnType<typeof judgeFixture>;
      try {
        verdict = judgeFixture(fixtureRun, baseline);
      } catch (error) {
        failures[i] = { kind: 'crash', implementation: `harness comparator (${target.name})`, step: -1, summary: `comparison threw: ${(error as Error).message.split('\n')[0]}` };
        return;
      }
      const steps = fixtureRun.planned.loaded.fixture.steps;
      const opening = fixtureRun.responses.length - baseline.steps.length;
      const refAt = (step: number) => ref!.responses[step + 1];
      const targetAt = (step: number) => fixtureRun.responses[step + Math.max(1, opening)];
      if (verdict.status === 'errored') {
        const facts = failureFacts(steps, verdict.step, '', refAt(verdict.step), undefined);
        failures[i] = { kind: verdict.kind === 'hang' ? 'hang' : 'crash', implementation: target.name, step: verdict.step, summary: verdict.message.split('\n')[0]!, facts };
      } else if (verdict.status === 'diverged') {
        const d = verdict.difference;
        failures[i] = {
          kind: 'divergence',
          implementation: target.name,
          step: verdict.step,
          summary: `step ${verdict.step} (seq ${String(verdict.seq)}) at ${d.pointer || '/'}: expected ${short(d.expected)}, got ${short(d.actual)}${d.note ? ` (${d.note})` : ''}`,
          facts: failureFacts(steps, verdict.step, d.pointer || '/', refAt(verdict.step), targetAt(verdict.step)),
        };
      } else if (!answersAsReference(fixtureRun, baseline)) {
        const f = responseInvariant(fixtureRun.responses, target.name);
        failures[i] = f && withFacts(f, steps, refAt(f.step), targetAt(f.step));
      }
    });
    // A target that never answered (cannot start) fails every scenario it did not run.
    if (run.fixtures.length === 0 && run.problems.length > 0) {
      failures.forEach((f, i) => {
        failures[i] = f ?? { kind: 'crash', implementation: target.name, step: -1, summary: run.problems[0]! };
      });
    }
    timings.targets[target.name] = performance.now() - t;
  }
  return { failures, steps, timings };
}
