import { canonicalize } from '../canonical/index.js';
import { isValidRequestLine } from '../protocol/valid-request-line.js';
import type { Fixture, FixtureStep, KernelConfig } from '../../generated/ts/types.js';

/**
 * How a fixture is framed on the wire (docs/parity.md, "Sessions").
 *
 * A fixture's golden responses are those of a fresh session: line 1 is
 * `hello` (seq 0), line 2 is `configure` with the fixture's config (seq 1), and
 * the fixture's steps follow from line 3 with their own seqs. To keep one
 * process alive across fixtures, the harness relocates a fixture into a running
 * session: every request seq (configure included) is shifted by `seqOffset` and
 * every `error.line` is read relative to `lineBase`. A fixture whose meaning
 * could change under relocation starts (and ends) its own session instead.
 */
export const PROTOCOL_VERSION = '1.0';
export const HELLO_SEQ = 0;
export const CONFIGURE_SEQ = 1;
/** Line of the first step in a fresh session (after hello and configure). */
export const FIRST_STEP_LINE = 3;
export const SEQ_MAX = Number.MAX_SAFE_INTEGER;

export function helloLine(seq: number = HELLO_SEQ): string {
  return canonicalize({ op: 'hello', seq, protocol_version: PROTOCOL_VERSION, client: 'lockstep-parity' });
}

/** Canonical text of each config, kept: a fixture's configure line is sent once per implementation. */
const configTexts = new WeakMap<KernelConfig, string>();

/** canonicalize({ op: 'configure', seq, config }): its keys sort as config, op, seq. */
export function configureLine(config: KernelConfig, seq: number): string {
  let text = configTexts.get(config);
  if (text === undefined) configTexts.set(config, (text = canonicalize(config)));
  return `{"config":${text},"op":"configure","seq":${seq}}`;
}

/** Adopts the canonical text of a config (kept from an earlier run: fixture-texts.ts). */
export function adoptConfigText(config: KernelConfig, text: string): void {
  configTexts.set(config, text);
}

/**
 * How a fixture's session opens before its steps, from its tags: `standard`
 * (hello, then configure), `hello-only` (tag `session-hello-only`: hello, no
 * configure; steps from line 2) or `bare` (tag `session-bare`: nothing; the
 * steps are the whole session). The last two always run in a fresh session.
 */
export type SessionOpening = 'standard' | 'hello-only' | 'bare';

export const OPENING_TAGS = { bare: 'session-bare', 'hello-only': 'session-hello-only' } as const;

export function openingOf(fixture: Pick<Fixture, 'tags'>): SessionOpening {
  if (fixture.tags.includes(OPENING_TAGS.bare)) return 'bare';
  if (fixture.tags.includes(OPENING_TAGS['hello-only'])) return 'hello-only';
  return 'standard';
}

/** What relocation is allowed for one fixture. */
export interface FixturePlacement {
  readonly opening: SessionOpening;
  /** It must be the first fixture of a fresh session (seq offset 0, line base 0). */
  readonly startsSession: boolean;
  /** Nothing may follow it in the same session (bye, hello, or raw requests that may be accepted). */
  readonly endsSession: boolean;
  /** Steps actually written: those up to and including a `bye` request. */
  readonly sentStepCount: number;
  /** Largest request seq among the sent steps (configure's included). */
  readonly maxSeq: number;
}

/** Answers before the step answers in a fixture run: configure's, in a standard opening. */
export function openingAnswerCount(placement: FixturePlacement): number {
  return placement.opening === 'standard' ? 1 : 0;
}

export function rawStepBytes(step: FixtureStep & { kind: 'raw' }): Buffer {
  return Buffer.from(step.base64, 'base64');
}

export function placeFixture(fixture: Fixture): FixturePlacement {
  const opening = openingOf(fixture);
  let startsSession = opening !== 'standard';
  let endsSession = opening !== 'standard';
  let sentStepCount = fixture.steps.length;
  let maxSeq = opening === 'standard' ? CONFIGURE_SEQ : HELLO_SEQ;
  for (let index = 0; index < fixture.steps.length; index += 1) {
    const step = fixture.steps[index]!;
    if (step.kind === 'raw') {
      // A raw line is relocatable when it cannot reach the seq checks of the protocol: it is
      // not JSON, or JSON that is not a valid request. One that is a valid request (duplicate
      // keys, `1.0` seqs, CRLF endings) keeps its own seq, so its fixture needs a fresh session.
      if (isValidRequestLine(rawStepBytes(step))) {
        startsSession = true;
        endsSession = true;
      }
      continue;
    }
    const request = step.request;
    maxSeq = Math.max(maxSeq, request.seq);
    if (request.op === 'hello') endsSession = true;
    if (request.op === 'bye') {
      endsSession = true;
      sentStepCount = index + 1;
      break;
    }
  }
  return { opening, startsSession, endsSession, sentStepCount, maxSeq };
}

/** Where a fixture sits in a running session. */
export interface FixtureFrame {
  readonly seqOffset: number;
  /** Process line number of the fixture's configure line, minus 2. */
  readonly lineBase: number;
}

export const FRESH_FRAME: FixtureFrame = { seqOffset: 0, lineBase: 0 };

/** Whether the fixture's seqs still fit below 2^53 - 1 when shifted. */
export function fitsOffset(placement: FixturePlacement, seqOffset: number): boolean {
  return placement.maxSeq + seqOffset <= SEQ_MAX;
}

/** A request's canonical text, split at its top-level seq so that relocating it is a string join. */
export interface RequestText {
  readonly seq: number;
  readonly before: string;
  readonly after: string;
}

const SEQ_MARK = '\u0001lockstep-request-seq\u0001';

function requestText(request: Record<string, unknown> & { seq: number }): RequestText {
  const marked = canonicalize({ ...request, seq: SEQ_MARK });
  const needle = `"seq":${canonicalize(SEQ_MARK)}`;
  const at = marked.indexOf(needle);
  return { seq: request.seq, before: marked.slice(0, at + '"seq":'.length), after: marked.slice(at + needle.length) };
}

/**
 * Request texts per fixture, computed once: every implementation of a run (and
 * every relocation) reuses them, so serialising the corpus is paid once.
 */
const stepTexts = new WeakMap<Fixture, ReadonlyArray<RequestText | Buffer>>();

function textsOf(fixture: Fixture): ReadonlyArray<RequestText | Buffer> {
  let texts = stepTexts.get(fixture);
  if (!texts) {
    texts = fixture.steps.map((step) =>
      step.kind === 'raw' ? rawStepBytes(step) : requestText(step.request as unknown as Record<string, unknown> & { seq: number }),
    );
    stepTexts.set(fixture, texts);
  }
  return texts;
}

/**
 * A fixture's request texts (undefined for raw steps), as plain data: a thread that ran the
 * fixture hands them to the thread that drives the processes, with a copy of the fixture.
 */
export function requestTextsOf(fixture: Fixture): (RequestText | undefined)[] {
  return textsOf(fixture).map((t) => (Buffer.isBuffer(t) ? undefined : t));
}

/** Adopts the request texts `requestTextsOf` gave for a fixture with these same steps. */
export function adoptRequestTexts(fixture: Fixture, texts: readonly (RequestText | undefined)[]): void {
  stepTexts.set(
    fixture,
    fixture.steps.map((step, i) => (step.kind === 'raw' ? rawStepBytes(step) : texts[i] ?? requestText(step.request as unknown as Record<string, unknown> & { seq: number }))),
  );
}

/**
 * The lines written for one fixture in a frame: configure (standard opening
 * only), then the sent steps. The session's hello is not among them. Request
 * steps are canonical JSON with the seq shifted by the frame (as text); raw steps are
 * their bytes.
 */
export function fixtureLineTexts(fixture: Fixture, placement: FixturePlacement, frame: FixtureFrame): Array<string | Buffer> {
  const lines: Array<string | Buffer> = placement.opening === 'standard' ? [configureLine(fixture.config, CONFIGURE_SEQ + frame.seqOffset)] : [];
  const texts = textsOf(fixture);
  for (let index = 0; index < placement.sentStepCount; index += 1) {
    const text = texts[index]!;
    lines.push(Buffer.isBuffer(text) ? text : `${text.before}${text.seq + frame.seqOffset}${text.after}`);
  }
  return lines;
}

/** fixtureLineTexts as bytes, one buffer a line (for callers that answer line by line). */
export function fixtureLines(fixture: Fixture, placement: FixturePlacement, frame: FixtureFrame): Buffer[] {
  return fixtureLineTexts(fixture, placement, frame).map((line) => (typeof line === 'string' ? Buffer.from(line, 'utf8') : line));
}
