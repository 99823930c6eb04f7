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
import type { FixtureRun } from '../harness/fixture-run.js';
import { matchesTextAt } from '../harness/baseline-response.js';
import { judgeFixture, referenceBaseline, type Baseline } from '../harness/fixture-verdict.js';
import { runProcessImplementation } from '../harness/process-driver.js';
import { plantCanary } from './canary-target.js';
import { failureFacts } from './failure-facts.js';
import { MatrixCoverage } from './matrix-coverage.js';
import { checkReference, withFacts, type ReferenceCheck } from './reference-check.js';
import { ResponseInvariantChecker } from './response-invariants.js';
import type { ScenarioFailure } from './scenario-failure.js';
import type { Scenario } from './scenario.js';

export interface FuzzTarget {
  readonly name: string;
  readonly command: string;
  /** Seeds whose answers get a divergence planted on purpose (the canary target, `canary-target.ts`). */
  readonly plantsOn?: (seed: number) => boolean;
}

export type { FailureKind, ScenarioFailure } from './scenario-failure.js';
export { checkReference, type ReferenceCheck } from './reference-check.js';

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
    // Compared in place (matchesTextAt): no shifted copy of the text is built per answer.
    if (actual !== undefined && (matchesTextAt(expected, actual, run.frame.seqOffset) === true || actual === expected.canonical)) continue;
    // Error answers were judged equal on code and path (their messages may differ); the response
    // invariants do not read error answers at all, so such a pair gives the same verdict too.
    if (expected.kind === 'error' && actual?.startsWith('{"error":')) continue;
    return false;
  }
  return true;
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
