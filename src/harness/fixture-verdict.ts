import { baselineFromLine, baselineFromText, baselineFromValue, type BaselineResponse } from './baseline-response.js';
import { adoptedGoldenTexts } from './fixture-texts.js';
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

/** Golden baselines per fixture, built once however many implementations a run judges. */
const goldenBaselines = new WeakMap<Fixture, Baseline>();

export function goldenBaseline(fixture: Fixture): Baseline {
  let golden = goldenBaselines.get(fixture);
  if (!golden) {
    // Texts kept from an earlier run (fixture-texts.ts) spare serialising the golden answers.
    const kept = adoptedGoldenTexts(fixture);
    const steps = kept
      ? fixture.expected.map((value, i) => baselineFromText(value, ...kept[i]!))
      : fixture.expected.map((value) => baselineFromValue(value));
    golden = { source: 'golden', configure: undefined, steps };
    goldenBaselines.set(fixture, golden);
  }
  return golden;
}

/** Reference baselines per run, built once however many targets are judged against them. */
const referenceBaselines = new WeakMap<FixtureRun, Baseline>();

/**
 * The reference run as a baseline; undefined when it did not answer in full. An answer whose
 * text is its golden answer's kept text takes the seq's place from there (no scan of the text).
 */
export function referenceBaseline(run: FixtureRun): Baseline | undefined {
  if (run.status !== 'answered') return undefined;
  let baseline = referenceBaselines.get(run);
  if (baseline) return baseline;
  const opening = openingAnswerCount(run.planned.placement);
  const kept = adoptedGoldenTexts(run.planned.loaded.fixture);
  const answers = run.responses.map((line, index) => {
    const golden = index < opening ? undefined : kept?.[index - opening];
    return golden !== undefined && golden[0] === line ? baselineFromLine(line, [golden[1], golden[2]]) : baselineFromLine(line);
  });
  baseline = { source: 'reference', configure: opening > 0 ? answers[0] : undefined, steps: answers.slice(opening) };
  referenceBaselines.set(run, baseline);
  return baseline;
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

/** The first step whose answer differs from the baseline, over the answers there are (`upTo` steps). */
function firstStepDifference(run: FixtureRun, baseline: Baseline, upTo: number): FixtureVerdict | undefined {
  const fixture = run.planned.loaded.fixture;
  const answered = run.responses;
  const opening = openingAnswerCount(run.planned.placement);
  for (let step = 0; step < upTo; step += 1) {
    const expected = baseline.steps[step];
    const actual = answered[step + opening];
    const seq = stepSeq(fixture, step, expected);
    if (expected === undefined || actual === undefined) {
      const difference = {
        pointer: '',
        expected: expected?.value,
        actual,
        note: expected === undefined ? 'no baseline response for this step' : `no answer to step ${step}`,
      };
      return { status: 'diverged', step, seq, difference, baseline: baseline.source };
    }
    const shiftsSeq = fixture.steps[step]?.kind === 'request';
    const difference = compareResponse(expected, actual, run.frame, shiftsSeq);
    if (difference) {
      // The answer in this step's place may be the next step's: this step's answer went missing.
      const next = baseline.steps[step + 1];
      const nextShifts = fixture.steps[step + 1]?.kind === 'request';
      const missing = next !== undefined && compareResponse(next, actual, run.frame, nextShifts) === undefined;
      const judged = missing ? { pointer: '', expected: expected.value, actual, note: `no answer to step ${step}` } : difference;
      return { status: 'diverged', step, seq, difference: judged, baseline: baseline.source };
    }
  }
  return undefined;
}

/**
 * Judges one fixture run against a baseline: the first differing response, or the error. An
 * answer missing in mid-stream is reported once, as "no answer to step k" at that step, even
 * when the process then waits (or dies) for want of the line it never answered.
 */
export function judgeFixture(run: FixtureRun, baseline: Baseline): FixtureVerdict {
  const answered = run.responses;
  const opening = openingAnswerCount(run.planned.placement);
  if (run.status === 'errored') {
    const answeredSteps = Math.max(0, answered.length - opening);
    const shifted = firstStepDifference(run, baseline, answeredSteps);
    if (shifted?.status === 'diverged' && shifted.difference.note?.startsWith('no answer to step') === true) return shifted;
    return { status: 'errored', step: answered.length - opening, kind: run.kind, message: run.message, stderrTail: run.stderrTail };
  }
  if (opening > 0 && answered.length > 0) {
    const difference = configureDifference(answered[0]!, run, baseline);
    if (difference) return { status: 'diverged', step: -1, seq: 1, difference, baseline: baseline.source };
  }
  const stepCount = Math.max(answered.length - opening, baseline.steps.length);
  return firstStepDifference(run, baseline, stepCount) ?? { status: 'passed' };
}
