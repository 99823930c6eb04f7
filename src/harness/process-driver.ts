import { performance } from 'node:perf_hooks';
import { describeEnd, joinLines, type LineChannel, type Received } from './line-inbox.js';
import { ProcessSession } from './process-session.js';
import { SessionHost } from './session-host.js';
import type { FixtureRun, ImplementationRun, PlannedFixture } from './fixture-run.js';
import { fitsOffset, fixtureLineTexts, helloLine, openingAnswerCount, type FixtureFrame } from './session-frame.js';

export interface ProcessDriverOptions {
  readonly timeoutMs: number;
  readonly cwd: string;
  /** Sessions run at the same time (default DEFAULT_SESSION_LANES). */
  readonly lanes?: number;
  /**
   * The implementation can also serve many sessions from one process: this command plus a
   * socket path (`lockstep kernel --listen`). Then the first session runs over stdio and the
   * others one after another on one listening process, not one process each.
   */
  readonly listen?: string;
  /** Called as each session ends: fixtures answered so far of all. */
  readonly onProgress?: (done: number, total: number) => void;
}

interface SegmentEntry<Line> {
  readonly index: number;
  readonly frame: FixtureFrame;
  readonly lines: readonly Line[];
}

/** Lines written for a fixture (configure in a standard opening, then the sent steps): fixtureLines' count. */
function lineCount(placement: PlannedFixture['placement']): number {
  return openingAnswerCount(placement) + placement.sentStepCount;
}

/**
 * Where each fixture from `start` sits in one session: each is relocated behind the previous
 * one (seqs shifted past the largest seq sent, lines counted), until one must start a fresh
 * session or ends its own.
 */
function segmentFrames(planned: readonly PlannedFixture[], start: number, end: number): Array<{ index: number; frame: FixtureFrame }> {
  const segment: Array<{ index: number; frame: FixtureFrame }> = [];
  let linesSent = planned[start]?.placement.opening === 'bare' ? 0 : 1; // hello
  let seqMax = 0; // hello's seq
  for (let index = start; index < end; index += 1) {
    const { placement } = planned[index]!;
    const first = segment.length === 0;
    const frame: FixtureFrame = first ? { seqOffset: 0, lineBase: 0 } : { seqOffset: seqMax, lineBase: linesSent - 1 };
    if (!first && (placement.startsSession || !fitsOffset(placement, frame.seqOffset))) break;
    segment.push({ index, frame });
    linesSent += lineCount(placement);
    seqMax = placement.maxSeq + frame.seqOffset;
    if (placement.endsSession) break;
  }
  return segment;
}

/** The fixtures from `start` packed into one session (segmentFrames), with the lines each is written as (fixtureLineTexts). */
function planSegment(planned: readonly PlannedFixture[], start: number, end: number): Array<SegmentEntry<string | Buffer>> {
  return segmentFrames(planned, start, end).map(({ index, frame }) => {
    const { loaded, placement } = planned[index]!;
    return { index, frame, lines: fixtureLineTexts(loaded.fixture, placement, frame) };
  });
}

/**
 * One session from `start`: its fixtures (planSegment) and what is written to it, hello first
 * unless bare (pipelined: no round trip before the first fixture), as few pieces (joinLines),
 * each to be followed by a newline.
 */
function planSession(ordered: readonly PlannedFixture[], start: number, end: number): { segment: Array<SegmentEntry<string | Buffer>>; pieces: Buffer[] } {
  const segment = planSegment(ordered, start, end);
  const hello = ordered[start]!.placement.opening === 'bare' ? [] : [helloLine()];
  return { segment, pieces: joinLines([...hello, ...segment.flatMap((entry) => entry.lines)]) };
}

const NEWLINE = Buffer.from('\n');

/**
 * Each session a process run over `planned` (in file order) writes, as its whole input: the
 * bytes a kernel run alone is fed, so that benches time it on exactly the harness's lines.
 */
export function sessionInputs(planned: readonly PlannedFixture[]): Buffer[] {
  const ordered = processRunOrder(planned).map((index) => planned[index]!);
  return sessionRanges(ordered).map(([start, end]) => Buffer.concat(planSession(ordered, start, end).pieces.flatMap((piece) => [piece, NEWLINE])));
}

/** Why a hello answer is not a successful handshake, or undefined when it is one. */
function helloRefusal(line: string): string | undefined {
  let answer: unknown;
  try {
    answer = JSON.parse(line);
  } catch {
    return `the answer to hello is not JSON: ${line.slice(0, 200)}`;
  }
  const op = (answer as { op?: unknown } | null)?.op;
  return op === 'hello' ? undefined : `hello was answered with ${line.slice(0, 300)}`;
}

/** Sessions of one implementation run at the same time (process start-up dominates small sessions). */
export const DEFAULT_SESSION_LANES = 3;

/**
 * Run order for a process: fixtures that share a session first (in file
 * order), then those that end a session, then those that need a fresh one;
 * so the shared session is as long as it can be. Results keep file order.
 */
export function processRunOrder(planned: readonly PlannedFixture[]): number[] {
  const rank = ({ placement }: PlannedFixture): number => (placement.startsSession ? 2 : placement.endsSession ? 1 : 0);
  return planned.map((_, index) => index).sort((a, b) => rank(planned[a]!) - rank(planned[b]!) || a - b);
}

/** Consecutive ranges [start, end) of `ordered` that the session planner packs into one session each. */
function sessionRanges(ordered: readonly PlannedFixture[]): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (let next = 0; next < ordered.length; ) {
    const end = segmentFrames(ordered, next, ordered.length).at(-1)!.index + 1;
    ranges.push([next, end]);
    next = end;
  }
  return ranges;
}

interface RangeState {
  readonly runs: FixtureRun[];
  readonly problems: Set<string>;
  hello: string | undefined;
  sessions: number;
  /** Processes started (sessions on a listening process share one). */
  processes: number;
  /** Set once a process could not be started or greeted: nothing more is started. */
  unavailable: { message: string; stderrTail: string } | undefined;
}

function markUnavailable(state: RangeState, ordered: readonly PlannedFixture[], from: number, end: number): void {
  const { message, stderrTail } = state.unavailable!;
  for (let index = from; index < end; index += 1) {
    state.runs[index] = { status: 'errored', planned: ordered[index]!, frame: { seqOffset: 0, lineBase: 0 }, responses: [], kind: 'unavailable', message, stderrTail };
  }
}

/**
 * Runs fixtures through a protocol-speaking command: one long-lived process
 * for as many fixtures as can share a session, a fresh one where needed, and a
 * fresh one after a crash or a hang, which fail only the fixture at hand.
 * Independent sessions run `lanes` at a time.
 */
export async function runProcessImplementation(
  name: string,
  command: string,
  planned: readonly PlannedFixture[],
  options: ProcessDriverOptions,
): Promise<ImplementationRun> {
  const started = performance.now();
  const order = processRunOrder(planned);
  const ordered = order.map((index) => planned[index]!);
  const state: RangeState = { runs: new Array(ordered.length), problems: new Set(), hello: undefined, sessions: 0, processes: 0, unavailable: undefined };
  const ranges = sessionRanges(ordered);
  let done = 0;
  const runLane = async (queue: Array<[number, number]>, open: () => Promise<LineChannel>): Promise<void> => {
    for (let range = queue.shift(); range !== undefined; range = queue.shift()) {
      await runRange(name, open, ordered, range[0], range[1], options, state);
      done += range[1] - range[0];
      options.onProgress?.(done, ordered.length);
    }
  };
  const spawned = (): Promise<LineChannel> => {
    state.processes += 1;
    return Promise.resolve(new ProcessSession(command, options.cwd));
  };
  if (options.listen !== undefined && ranges.length > 1) {
    // One Node start-up costs more than most sessions take: the long first session runs on
    // stdio, as users run the server, beside the rest on one listening process in turn.
    const host = new SessionHost(options.listen, options.cwd, options.timeoutMs);
    await Promise.all([runLane(ranges.slice(0, 1), spawned), runLane(ranges.slice(1), () => host.open())]);
    await host.close();
    for (const problem of host.problems) state.problems.add(`${name}: ${problem}`);
    state.processes += host.starts;
  } else {
    const queue = [...ranges];
    const lanes = Math.max(1, options.lanes ?? DEFAULT_SESSION_LANES);
    await Promise.all(Array.from({ length: Math.min(lanes, ranges.length) }, () => runLane(queue, spawned)));
  }
  const runs: FixtureRun[] = new Array(planned.length);
  order.forEach((original, position) => {
    runs[original] = state.runs[position]!;
  });
  return { name, hello: state.hello, fixtures: runs, wallMs: performance.now() - started, problems: [...state.problems], sessions: state.sessions, processes: state.processes };
}

async function runRange(
  name: string,
  open: () => Promise<LineChannel>,
  ordered: readonly PlannedFixture[],
  start: number,
  end: number,
  options: ProcessDriverOptions,
  state: RangeState,
): Promise<void> {
  let next = start;
  while (next < end) {
    if (state.unavailable) return markUnavailable(state, ordered, next, end);
    const session = await open();
    state.sessions += 1;
    const bare = ordered[next]!.placement.opening === 'bare';
    const { segment, pieces } = planSession(ordered, next, end);
    void session.write(pieces);
    session.endInput();
    const greeting: Received = bare ? { kind: 'line', line: '' } : await session.next(Date.now() + options.timeoutMs);
    const refusal = greeting.kind === 'line' && !bare ? helloRefusal(greeting.line) : undefined;
    if (greeting.kind !== 'line' || refusal !== undefined) {
      session.kill();
      const why =
        refusal ?? (greeting.kind === 'timeout' ? `no answer to hello within ${options.timeoutMs} ms` : describeEnd(greeting as Exclude<Received, { kind: 'line' }>));
      const tail = session.stderr();
      state.problems.add(`${name}: handshake failed: ${why}${tail ? `; stderr: ${tail.trim().slice(-400)}` : ''}`);
      state.unavailable ??= { message: `handshake failed: ${why}`, stderrTail: tail };
      return markUnavailable(state, ordered, next, end);
    }
    if (!bare) state.hello ??= greeting.line;
    let failedAt: number | undefined;
    for (const entry of segment) {
      const run = await readFixture(session, ordered[entry.index]!, entry, options.timeoutMs);
      state.runs[entry.index] = run;
      if (run.status === 'errored') {
        failedAt = entry.index;
        break;
      }
    }
    if (failedAt !== undefined) {
      session.kill();
      next = failedAt + 1;
      continue;
    }
    const closing = await drain(session, Date.now() + options.timeoutMs);
    if (closing) state.problems.add(`${name}: after fixture ${ordered[segment.at(-1)!.index]!.loaded.fixture.name}: ${closing}`);
    next = segment.at(-1)!.index + 1;
  }
}

async function readFixture(
  session: LineChannel,
  planned: PlannedFixture,
  entry: SegmentEntry<string | Buffer>,
  timeoutMs: number,
): Promise<FixtureRun> {
  const deadline = Date.now() + timeoutMs;
  const responses: string[] = [];
  for (let index = 0; index < entry.lines.length; index += 1) {
    // Answers arrive many to a chunk: those already here are read without a wait each.
    const queued = session.take();
    if (queued !== undefined) {
      responses.push(queued);
      continue;
    }
    const received = await session.next(deadline);
    if (received.kind === 'line') {
      responses.push(received.line);
      continue;
    }
    const opening = openingAnswerCount(planned.placement);
    const step = index < opening ? 'configure' : `step ${index - opening}`;
    const kind = received.kind === 'timeout' ? 'hang' : 'crash';
    const message =
      received.kind === 'timeout'
        ? `no answer to ${step} within ${timeoutMs} ms (process killed)`
        : `${describeEnd(received)} before answering ${step}`;
    return { status: 'errored', planned, frame: entry.frame, responses, kind, message, stderrTail: session.stderr() };
  }
  return { status: 'answered', planned, frame: entry.frame, responses };
}

/** After the last fixture: no further output, and exit code 0 at end of input. */
async function drain(session: LineChannel, deadline: number): Promise<string | undefined> {
  let extra = 0;
  for (;;) {
    const received = await session.next(deadline);
    if (received.kind === 'line') {
      extra += 1;
      continue;
    }
    if (received.kind === 'timeout') {
      session.kill();
      return `did not exit after end of input (process killed)${extra ? `; ${extra} unexpected extra lines` : ''}`;
    }
    const clean = (received.kind === 'exit' && received.code === 0) || (received.kind === 'closed' && received.error === undefined);
    if (clean && extra === 0) return undefined;
    return `${describeEnd(received)} at end of input${extra ? `, after ${extra} unexpected extra lines` : ''}`;
  }
}
