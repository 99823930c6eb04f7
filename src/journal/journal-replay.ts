// Replays a journal: every session's request lines sent again to an implementation (in
// process, or a command speaking the protocol), each answer compared with the recorded one
// byte for byte (a hello's implementation recorded as `*` on both sides).
import { spawnSync } from 'node:child_process';
import type { Implementation } from '../harness/implementation.js';
import { firstDifference, renderValue } from '../harness/first-difference.js';
import { forEachRecord } from './journal-records.js';
import { responseTextOf, SessionSplitter, type ReplayStep } from './journal-sessions.js';
import { recordedResponse } from './recorded-response.js';

/** One record whose replayed answer differs from the recorded one. */
export interface ReplayDifference {
  readonly index: number;
  /** RFC 6901 pointer into the response of the first differing value. */
  readonly pointer: string;
  readonly recorded: string;
  readonly replayed: string;
}

export interface ReplayResult {
  readonly sessions: number;
  readonly steps: number;
  /** Every differing record, in order (bounded by `differencesMax`). */
  readonly differences: readonly ReplayDifference[];
  /** Problems running the implementation (did not start, answered too few lines). */
  readonly problems: readonly string[];
}

/** Differences kept per replay: enough to see a range, bounded for a wholly different run. */
export const REPLAY_DIFFERENCES_MAX = 1000;

function answersInProcess(impl: Implementation & { kind: 'in-process' }, steps: readonly ReplayStep[]): string[] {
  const session = impl.createSession();
  const out: string[] = [];
  for (const step of steps) out.push(...session.answer(step.line));
  return out;
}

function answersOfProcess(command: string, steps: readonly ReplayStep[], cwd: string): { answers: string[]; problem?: string } {
  const input = Buffer.concat(steps.flatMap((s) => [s.line, Buffer.from('\n')]));
  const run = spawnSync(command, { shell: true, input, cwd, maxBuffer: 1 << 30 });
  if (run.error !== undefined) return { answers: [], problem: `${command}: ${run.error.message}` };
  const text = run.stdout.toString('utf8');
  const answers = text === '' ? [] : text.replace(/\n$/, '').split('\n');
  return run.status === 0 ? { answers } : { answers, problem: `${command} exited with ${String(run.status)}: ${run.stderr.toString('utf8').trim().slice(0, 400)}` };
}

function compare(steps: readonly ReplayStep[], answers: readonly string[], out: ReplayDifference[]): void {
  for (let i = 0; i < steps.length && out.length < REPLAY_DIFFERENCES_MAX; i += 1) {
    const step = steps[i] as ReplayStep;
    const answer = answers[i];
    const replayed = answer === undefined ? '' : recordedResponse(answer);
    if (replayed === step.response) continue;
    if (answer === undefined) {
      out.push({ index: step.index, pointer: '', recorded: step.response, replayed: '(no answer)' });
      continue;
    }
    let d: ReturnType<typeof firstDifference> = { pointer: '', expected: step.response, actual: replayed };
    try {
      d = firstDifference(JSON.parse(step.response), JSON.parse(replayed)) ?? { pointer: '', expected: step.response, actual: replayed };
    } catch {
      // An answer that is not JSON differs as a whole.
    }
    out.push({ index: step.index, pointer: d.pointer, recorded: renderValue(d.expected), replayed: renderValue(d.actual) });
  }
}

export function replayJournal(path: string, impl: Implementation, cwd: string = process.cwd()): ReplayResult {
  const differences: ReplayDifference[] = [];
  const problems: string[] = [];
  let sessions = 0;
  let steps = 0;
  const splitter = new SessionSplitter((session) => {
    sessions += 1;
    steps += session.length;
    if (impl.kind === 'in-process') return compare(session, answersInProcess(impl, session), differences);
    const run = answersOfProcess(impl.command, session, cwd);
    if (run.problem !== undefined) problems.push(run.problem);
    compare(session, run.answers, differences);
  });
  forEachRecord(path, (r) => {
    if (r.position > 0) splitter.push(r.record, () => responseTextOf(r.bytes));
  });
  splitter.end();
  return { sessions, steps, differences, problems };
}
