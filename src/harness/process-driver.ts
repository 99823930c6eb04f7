import { performance } from 'node:perf_hooks';
import { ProcessSession, type Received } from './process-session.js';
import type { FixtureRun, ImplementationRun, PlannedFixture } from './fixture-run.js';
import { fitsOffset, fixtureLines, helloLine, type FixtureFrame } from './session-frame.js';

export interface ProcessDriverOptions {
  readonly timeoutMs: number;
  readonly cwd: string;
}

interface SegmentEntry {
  readonly index: number;
  readonly frame: FixtureFrame;
  readonly lines: readonly Buffer[];
}

/**
 * Packs fixtures from `start` into one session: each is relocated behind the
 * previous one (seqs shifted past the largest seq sent, lines counted), until
 * one must start a fresh session or ends its own.
 */
export function planSegment(planned: readonly PlannedFixture[], start: number): SegmentEntry[] {
  const segment: SegmentEntry[] = [];
  let linesSent = 1; // hello
  let seqMax = 0; // hello's seq
  for (let index = start; index < planned.length; index += 1) {
    const { loaded, placement } = planned[index]!;
    const first = segment.length === 0;
    const frame: FixtureFrame = first ? { seqOffset: 0, lineBase: 0 } : { seqOffset: seqMax, lineBase: linesSent - 1 };
    if (!first && (placement.startsSession || !fitsOffset(placement, frame.seqOffset))) break;
    const lines = fixtureLines(loaded.fixture, placement, frame);
    segment.push({ index, frame, lines });
    linesSent += lines.length;
    seqMax = placement.maxSeq + frame.seqOffset;
    if (placement.endsSession) break;
  }
  return segment;
}

function describeEnd(received: Received): string {
  if (received.kind === 'exit') {
    return received.signal ? `killed by ${received.signal}` : `exited with code ${String(received.code)}`;
  }
  if (received.kind === 'spawn-error') return `could not start: ${received.message}`;
  return 'no answer';
}

/**
 * Runs fixtures through a protocol-speaking command: one long-lived process
 * for as many fixtures as can share a session, a fresh one where needed, and a
 * fresh one after a crash or a hang, which fail only the fixture at hand.
 */
export async function runProcessImplementation(
  name: string,
  command: string,
  planned: readonly PlannedFixture[],
  options: ProcessDriverOptions,
): Promise<ImplementationRun> {
  const started = performance.now();
  const runs: FixtureRun[] = new Array(planned.length);
  const problems: string[] = [];
  let hello: string | undefined;
  let sessions = 0;
  let next = 0;
  while (next < planned.length) {
    const session = new ProcessSession(command, options.cwd);
    sessions += 1;
    void session.write([Buffer.from(helloLine(), 'utf8')]);
    const greeting = await session.next(Date.now() + options.timeoutMs);
    if (greeting.kind !== 'line') {
      session.kill();
      const why = greeting.kind === 'timeout' ? `no answer to hello within ${options.timeoutMs} ms` : describeEnd(greeting);
      const tail = session.stderr();
      problems.push(`${name} (${command}): handshake failed: ${why}${tail ? `; stderr: ${tail.trim().slice(-400)}` : ''}`);
      for (let index = next; index < planned.length; index += 1) {
        runs[index] = { status: 'errored', planned: planned[index]!, frame: { seqOffset: 0, lineBase: 0 }, responses: [], kind: 'unavailable', message: `handshake failed: ${why}`, stderrTail: tail };
      }
      break;
    }
    hello ??= greeting.line;
    const segment = planSegment(planned, next);
    void session.write(segment.flatMap((entry) => entry.lines));
    session.endInput();
    let failedAt: number | undefined;
    for (const entry of segment) {
      const run = await readFixture(session, planned[entry.index]!, entry, options.timeoutMs);
      runs[entry.index] = run;
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
    if (closing) problems.push(`${name}: after fixture ${planned[segment.at(-1)!.index]!.loaded.fixture.name}: ${closing}`);
    next = segment.at(-1)!.index + 1;
  }
  return { name, hello, fixtures: runs, wallMs: performance.now() - started, problems, sessions };
}

async function readFixture(
  session: ProcessSession,
  planned: PlannedFixture,
  entry: SegmentEntry,
  timeoutMs: number,
): Promise<FixtureRun> {
  const deadline = Date.now() + timeoutMs;
  const responses: string[] = [];
  for (let index = 0; index < entry.lines.length; index += 1) {
    const received = await session.next(deadline);
    if (received.kind === 'line') {
      responses.push(received.line);
      continue;
    }
    const step = index === 0 ? 'configure' : `step ${index - 1}`;
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
async function drain(session: ProcessSession, deadline: number): Promise<string | undefined> {
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
    const clean = received.kind === 'exit' && received.code === 0;
    if (clean && extra === 0) return undefined;
    return `${describeEnd(received)} at end of input${extra ? `, after ${extra} unexpected extra lines` : ''}`;
  }
}
