/**
 * The canonical texts a parity run needs of one fixture: its config (the configure line), its
 * requests (the wire lines) and its golden answers (what answers are compared with, as
 * strings). Serialising them is most of the harness's own work per run, and they depend only
 * on the fixture file's bytes and on the code that writes them: verified-fixtures.ts keeps them
 * beside each remembered file, and a run adopts them instead of serialising again.
 *
 * Each text is kept with where its top-level seq sits, so that a relocated fixture (its seqs
 * shifted into a running session) is written and compared without parsing anything.
 */
import type { Fixture } from '../../generated/ts/types.js';
import { canonicalize } from '../canonical/index.js';
import { baselineFromValue } from './baseline-response.js';
import { adoptConfigText, adoptRequestTexts, requestTextsOf, type RequestText } from './session-frame.js';

/** Canonical text and the span of its top-level integer seq ([-1, -1] when it has none). */
export type SplitText = readonly [text: string, seqStart: number, seqEnd: number];

export interface FixtureTexts {
  /** canonicalize(fixture.config). */
  readonly config: string;
  /** Per step: the request's canonical text, null for a raw step. */
  readonly requests: ReadonlyArray<SplitText | null>;
  /** Per golden answer (fixture.expected): its canonical text. */
  readonly expected: readonly SplitText[];
}

const NO_SEQ = -1;

function requestSplit(text: RequestText): SplitText {
  const seq = String(text.seq);
  return [`${text.before}${seq}${text.after}`, text.before.length, text.before.length + seq.length];
}

/** Serialises what a run needs of a fixture (the work the kept texts save). */
export function fixtureTexts(fixture: Fixture): FixtureTexts {
  const requests = requestTextsOf(fixture).map((text) => (text === undefined ? null : requestSplit(text)));
  const expected = fixture.expected.map((value): SplitText => {
    const baseline = baselineFromValue(value);
    const around = baseline.around;
    const text = baseline.canonical;
    // Kept split only where joining the parts gives the text back (a seq in plain digits).
    const whole = around !== undefined && /^\d+$/.test(String(around[1])) && `${around[0]}${around[1]}${around[2]}` === text;
    return whole ? [text, around[0].length, text.length - around[2].length] : [text, NO_SEQ, NO_SEQ];
  });
  return { config: canonicalize(fixture.config), requests, expected };
}

function isSplitText(value: unknown): value is SplitText {
  if (!Array.isArray(value) || value.length !== 3) return false;
  const [text, start, end] = value as unknown[];
  if (typeof text !== 'string' || !Number.isInteger(start) || !Number.isInteger(end)) return false;
  if (start === NO_SEQ) return end === NO_SEQ;
  return (start as number) > 0 && (start as number) < (end as number) && (end as number) <= text.length && /^\d+$/.test(text.slice(start as number, end as number));
}

/**
 * Whether stored texts have the shape of this fixture's (one per step, null exactly at raw
 * steps, each request's seq where the text says; one per golden answer). Texts come from a
 * file on disk: a truncated or foreign entry is refused here and serialised again instead.
 */
export function fitsFixture(value: unknown, fixture: Fixture): value is FixtureTexts {
  if (typeof value !== 'object' || value === null) return false;
  const { config, requests, expected } = value as Partial<Record<keyof FixtureTexts, unknown>>;
  if (typeof config !== 'string' || !Array.isArray(requests) || !Array.isArray(expected)) return false;
  if (requests.length !== fixture.steps.length || expected.length !== fixture.expected.length) return false;
  const requestsFit = fixture.steps.every((step, i) => {
    const text: unknown = requests[i];
    if (step.kind === 'raw') return text === null;
    return isSplitText(text) && text[1] !== NO_SEQ && text[0].slice(text[1], text[2]) === String(step.request.seq);
  });
  return requestsFit && expected.every(isSplitText);
}

/** Golden texts adopted per fixture (goldenBaseline reads them). */
const goldenTexts = new WeakMap<Fixture, readonly SplitText[]>();

/** Makes a run use these texts for this fixture object instead of serialising it again. */
export function adoptFixtureTexts(fixture: Fixture, texts: FixtureTexts): void {
  adoptConfigText(fixture.config, texts.config);
  adoptRequestTexts(
    fixture,
    texts.requests.map((split): RequestText | undefined =>
      split === null ? undefined : { seq: Number(split[0].slice(split[1], split[2])), before: split[0].slice(0, split[1]), after: split[0].slice(split[2]) },
    ),
  );
  goldenTexts.set(fixture, texts.expected);
}

/** The golden texts adopted for this fixture object, if any. */
export function adoptedGoldenTexts(fixture: Fixture): readonly SplitText[] | undefined {
  return goldenTexts.get(fixture);
}
