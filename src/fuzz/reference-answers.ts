/**
 * The reference engine's answers to one planned fixture, in one pass, with each answer's
 * response object handed to the caller as it is written.
 *
 * Parity trusts the `ts-in-process` implementation: `runInProcessImplementation` driving
 * `createReferenceSession`, i.e. the protocol's `Session` answering each line through
 * `answerLine` after a `LineReader` split it. This runs that same `Session` and `answerLine`
 * on the same lines in the same order, so every answer is the same canonical text; what it
 * leaves out is the line session's byte round trip (text -> bytes -> split -> text) and, for
 * the fuzz checks, parsing each answer back: the coverage and the response invariants read the
 * response object `answerLine` serialised. A request step is canonical JSON (no newline, no
 * trailing CR, no lone surrogate, so valid UTF-8), which the reader would hand over unchanged
 * unless it is over the length bound; such a line and every raw step (any bytes) go through a
 * `LineReader` exactly as in the line session. The protocol's own edge (bytes, framing, hostile
 * input) is tested by the protocol and hostile-session tests, not here.
 */
import type { ProtocolResponse } from '../../generated/ts/types.js';
import type { FixtureRun, PlannedFixture } from '../harness/fixture-run.js';
import { REFERENCE_IMPLEMENTATION } from '../harness/reference-session.js';
import { CONFIGURE_SEQ, configureLine, FRESH_FRAME, helloLine, rawStepBytes, requestTextsOf } from '../harness/session-frame.js';
import { answerText, LINE_BYTES_MAX, LineReader, Session, type Line } from '../protocol/index.js';

/** What the pass tells its caller, line by line. */
export interface AnswerObserver {
  /** Before each line after hello is answered, with the session as it stands. */
  readonly beforeLine?: (session: Session) => void;
  /**
   * Answer `index` (0: the first after hello) as its response object, with the scenario step
   * whose line it answers (-1: configure's). `written` is false for an answer that replaced a
   * response that could not be written (an INTERNAL_ERROR from `answerLine`): its object is
   * its parsed text.
   */
  readonly answer: (index: number, step: number, response: unknown, written: boolean, session: Session) => void;
}

const NEWLINE = Buffer.from('\n');

/** One session's line numbering and answers, with the reader for lines that need one. */
class AnswerPass {
  readonly session = new Session(REFERENCE_IMPLEMENTATION);
  readonly responses: string[] = [];
  private readonly reader = new LineReader();
  private lineNo = 0;
  greeting: string | undefined;
  /** The scenario step whose lines are being answered (-1: configure). */
  step = -1;

  constructor(private readonly observer: AnswerObserver) {}

  /** A line already known to be what the reader would produce from its bytes. */
  text(line: Line, record: boolean): void {
    if (this.session.ended) return;
    this.lineNo += 1;
    const index = this.responses.length;
    if (record) this.observer.beforeLine?.(this.session);
    this.answered = false;
    const text = answerText(this.session, line, this.lineNo, record ? this.keep : undefined);
    if (!record) {
      this.greeting ??= text;
      return;
    }
    this.responses.push(text);
    // An INTERNAL_ERROR answer has no response object: its text is the answer.
    if (!this.answered) this.observer.answer(index, this.step, JSON.parse(text), false, this.session);
  }

  /** Whether the line being answered handed over its response object. */
  private answered = false;

  /** Hands a written answer's response object to the observer (one function per pass, not one per line). */
  private readonly keep = (r: ProtocolResponse): void => {
    this.answered = true;
    this.observer.answer(this.responses.length, this.step, r, true, this.session);
  };

  /** A request's canonical text: as is, unless the reader would refuse it as too long. */
  request(text: string): void {
    if (text.length * 3 <= LINE_BYTES_MAX || Buffer.byteLength(text, 'utf8') <= LINE_BYTES_MAX) this.text(text, true);
    else this.bytes(Buffer.from(text, 'utf8'));
  }

  /** Any bytes, split and decoded by the line reader as the line session does. */
  bytes(bytes: Uint8Array): void {
    const lines: Line[] = [];
    this.reader.push(Buffer.concat([bytes, NEWLINE]), (line) => lines.push(line));
    for (const line of lines) this.text(line, true);
  }
}

/**
 * Answers one fixture in a fresh session (hello unless bare, configure unless not standard,
 * then the sent steps), as `runInProcessImplementation` with `createReferenceSession` does.
 */
export function answerReference(entry: PlannedFixture, observer: AnswerObserver): { run: FixtureRun; greeting: string | undefined } {
  const pass = new AnswerPass(observer);
  const { fixture } = entry.loaded;
  try {
    if (entry.placement.opening !== 'bare') pass.text(helloLine(), false);
    if (entry.placement.opening === 'standard') pass.request(configureLine(fixture.config, CONFIGURE_SEQ));
    const texts = requestTextsOf(fixture);
    for (let index = 0; index < entry.placement.sentStepCount; index += 1) {
      const step = fixture.steps[index]!;
      pass.step = index;
      if (step.kind === 'raw') pass.bytes(rawStepBytes(step));
      else {
        const t = texts[index]!;
        pass.request(`${t.before}${t.seq}${t.after}`);
      }
    }
    return { run: { status: 'answered', planned: entry, frame: FRESH_FRAME, responses: pass.responses }, greeting: pass.greeting };
  } catch (error) {
    const message = `threw ${(error as Error).stack ?? String(error)}`;
    return { run: { status: 'errored', planned: entry, frame: FRESH_FRAME, responses: pass.responses, kind: 'crash', message, stderrTail: '' }, greeting: pass.greeting };
  }
}
