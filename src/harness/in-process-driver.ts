import { performance } from 'node:perf_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { FixtureRun, ImplementationRun, PlannedFixture } from './fixture-run.js';
import type { LineSession, LineSessionFactory } from './line-session.js';
import { FRESH_FRAME, fixtureLines, helloLine } from './session-frame.js';

/**
 * The answer as one piece. The engine writes answers by concatenation, which V8 keeps as a
 * tree of pieces; reading a character makes it copy them into one string. Done at once, while
 * the pieces are young, they die young: kept answers then cost the collector one object each
 * and compare as one block (measured over the corpus: the in-process run and its judging
 * about a fifth faster).
 */
function flattened(answer: string): string {
  answer.charCodeAt(0);
  return answer;
}

/**
 * One fixture through a fresh in-process session (cheap here), so every fixture is in its
 * exact fresh-session frame. A thrown exception fails that fixture as a crash. `greet`
 * receives the answer to the harness's hello.
 */
function runFixture(createSession: LineSessionFactory, entry: PlannedFixture, hello: Buffer, greet: (answer: string | undefined) => void): FixtureRun {
  const responses: string[] = [];
  try {
    const session: LineSession = createSession();
    if (entry.placement.opening !== 'bare') greet(session.answer(hello)[0]);
    for (const line of fixtureLines(entry.loaded.fixture, entry.placement, FRESH_FRAME)) {
      for (const answer of session.answer(line)) responses.push(flattened(answer));
    }
    return { status: 'answered', planned: entry, frame: FRESH_FRAME, responses };
  } catch (error) {
    const message = `threw ${(error as Error).stack ?? String(error)}`;
    return { status: 'errored', planned: entry, frame: FRESH_FRAME, responses, kind: 'crash', message, stderrTail: '' };
  }
}

/**
 * Runs fixtures through an in-process session, a fresh one per fixture; the run goes on after
 * a crash. It cannot hang detectably (it is synchronous); the process-level timeout of the test
 * runner is what guards it.
 */
export function runInProcessImplementation(
  name: string,
  createSession: LineSessionFactory,
  planned: readonly PlannedFixture[],
): ImplementationRun {
  const started = performance.now();
  const hello = Buffer.from(helloLine(), 'utf8');
  let greeting: string | undefined;
  const greet = (answer: string | undefined): void => {
    greeting ??= answer;
  };
  const runs = planned.map((entry) => runFixture(createSession, entry, hello, greet));
  return { name, hello: greeting, fixtures: runs, wallMs: performance.now() - started, problems: [], sessions: planned.length };
}

/** How long the sliced run keeps the thread before it lets pending I/O through. */
export const IN_PROCESS_SLICE_MS = 4;

/**
 * What the sliced run's `wallMs` counts: `slices`, the time spent in them (beside process
 * implementations, whose I/O runs between the slices and is not this run's cost); `wall`, from
 * start to end (alone, where what runs between the slices, its own deferred work such as
 * garbage collection finishing, is this run's cost too).
 */
export type SlicedTiming = 'slices' | 'wall';

/**
 * The same run in slices of about IN_PROCESS_SLICE_MS, yielding to the event loop between
 * them: process implementations of the same parity run keep their pipes flowing meanwhile
 * (a synchronous run would leave their sessions waiting for input and output), and a
 * progress line is drawn. `wallMs` is measured as `timing` says.
 */
export async function runInProcessImplementationSliced(
  name: string,
  createSession: LineSessionFactory,
  planned: readonly PlannedFixture[],
  onProgress?: (done: number, total: number) => void,
  timing: SlicedTiming = 'slices',
): Promise<ImplementationRun> {
  const started = performance.now();
  const hello = Buffer.from(helloLine(), 'utf8');
  let greeting: string | undefined;
  const greet = (answer: string | undefined): void => {
    greeting ??= answer;
  };
  const runs: FixtureRun[] = [];
  let busyMs = 0;
  while (runs.length < planned.length) {
    await nextTurn();
    const sliceStart = performance.now();
    do runs.push(runFixture(createSession, planned[runs.length]!, hello, greet));
    while (runs.length < planned.length && performance.now() - sliceStart < IN_PROCESS_SLICE_MS);
    busyMs += performance.now() - sliceStart;
    onProgress?.(runs.length, planned.length);
  }
  const wallMs = timing === 'wall' ? performance.now() - started : busyMs;
  return { name, hello: greeting, fixtures: runs, wallMs, problems: [], sessions: planned.length };
}
