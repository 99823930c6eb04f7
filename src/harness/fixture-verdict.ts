import { baselineFromLine, baselineFromValue, type BaselineResponse } from './baseline-response.js';
import type { FixtureErrorKind, FixtureRun } from './fixture-run.js';
import { compareResponse, type ResponseDifference } from './response-compare.js';
import { openingAnswerCount } from './session-frame.js';
import type { Fixture } from '../../generated/ts/types.js';

/** What a run's responses are compared with, in the fixture's fresh-session frame. */
export interface Baseline {
  readonly source: 'golden' | 'reference';
  /** The answer to configure, when the baseline has one (the reference's does, golden files do not). */
  readonly configure: BaselineResponse | undefined;
  readonly steps: readonly BaselineResponse[];
}

export function goldenBaseline(fixture: Fixture): Baseline {
  return { source: 'golden', configure: undefined, steps: fixture.expected.map(baselineFromValue) };
}

/** The reference run as a baseline; undefined when it did not answer in full. */
export function referenceBaseline(run: FixtureRun): Baseline | undefined {
  if (run.status !== 'answered') return undefined;
  const answers = run.responses.map(baselineFromLine);
  const opening = openingAnswerCount(run.planned.placement);
  return { source: 'reference', configure: opening > 0 ? answers[0] : undefined, steps: answers.slice(opening) };
}

/** Step index -1 is the configure line the harness sends before the fixture's steps. */
export type FixtureVerdict =
  | { readonly status: 'passed' }
  | {
      readonly status: 'diverged';
      readonly step: number;
      readonly seq: number | undefined;
      readonly difference: ResponseDifference;
      readonly baseline: Baseline['source'];
    }
  | {
      readonly status: 'errored';
      readonly step: number;
      readonly kind: FixtureErrorKind;
      readonly message: string;
      readonly stderrTail: string;
    };

function stepSeq(fixture: Fixture, step: number, baseline: BaselineResponse | undefined): number | undefined {
  if (step < 0) return 1;
  const written = fixture.steps[step];
  if (written?.kind === 'request') return written.request.seq;
  const echoed = baseline?.value.seq;
  return typeof echoed === 'number' ? echoed : undefined;
}

const CONFIGURE_SHAPE = baselineFromValue({ op: 'configure', seq: 1 });

function configureDifference(line: string, run: FixtureRun, baseline: Baseline): ResponseDifference | undefined {
  if (baseline.configure) return compareResponse(baseline.configure, line, run.frame, true);
  // No configure baseline (golden files hold step answers only): it must at least be a configure answer.
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return { pointer: '', expected: CONFIGURE_SHAPE.value, actual: line, note: 'not JSON' };
  }
  if (parsed.op === 'configure' && parsed.seq === 1 + run.frame.seqOffset) return undefined;
  return { pointer: '/op', expected: 'configure', actual: parsed.op, note: 'configure was not accepted' };
}

/** Judges one fixture run against a baseline: first differing response, or the error. */
export function judgeFixture(run: FixtureRun, baseline: Baseline): FixtureVerdict {
  const fixture = run.planned.loaded.fixture;
  const answered = run.responses;
  // A crash or a hang outranks whatever the partial answers showed.
  if (run.status === 'errored') {
    return { status: 'errored', step: answered.length - openingAnswerCount(run.planned.placement), kind: run.kind, message: run.message, stderrTail: run.stderrTail };
  }
  const opening = openingAnswerCount(run.planned.placement);
  if (opening > 0 && answered.length > 0) {
    const difference = configureDifference(answered[0]!, run, baseline);
    if (difference) return { status: 'diverged', step: -1, seq: 1, difference, baseline: baseline.source };
  }
  const stepCount = Math.max(answered.length - opening, baseline.steps.length);
  for (let step = 0; step < stepCount; step += 1) {
    const expected = baseline.steps[step];
    const actual = answered[step + opening];
    const seq = stepSeq(fixture, step, expected);
    if (expected === undefined || actual === undefined) {
      const difference = {
        pointer: '',
        expected: expected?.value,
        actual,
        note: expected === undefined ? 'no baseline response for this step' : 'no response for this step',
      };
      return { status: 'diverged', step, seq, difference, baseline: baseline.source };
    }
    const shiftsSeq = fixture.steps[step]?.kind === 'request';
    const difference = compareResponse(expected, actual, run.frame, shiftsSeq);
    if (difference) return { status: 'diverged', step, seq, difference, baseline: baseline.source };
  }
  return { status: 'passed' };
}
