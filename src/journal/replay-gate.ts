// The replay regression gate: every golden journal replayed through each implementation; a
// differing record fails unless an accepted entry (fixtures/journals/accepted.json) covers it,
// and an accepted entry that covers no difference fails too (the ratchet: stale entries go).
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Implementation } from '../harness/implementation.js';
import { goldenJournalFiles } from './golden-journals.js';
import { replayJournal, type ReplayDifference } from './journal-replay.js';

export const ACCEPTED_FILE = 'accepted.json';

/** One accepted difference range: a journal, a record range, optionally one implementation and one JSON pointer. */
export interface AcceptedChange {
  readonly journal: string;
  readonly from: number;
  readonly to: number;
  readonly implementation?: string;
  readonly pointer?: string;
  readonly reason: string;
}

export interface GateResult {
  readonly replays: number;
  readonly steps: number;
  readonly accepted: number;
  readonly failures: readonly string[];
}

/** Reads and checks the accepted list; a malformed entry is an error naming its position. */
export function readAccepted(path: string): AcceptedChange[] {
  if (!existsSync(path)) return [];
  const value = JSON.parse(readFileSync(path, 'utf8')) as unknown;
  const entries = (value as { accepted?: unknown }).accepted;
  if (!Array.isArray(entries)) throw new Error(`${path}: expected {"accepted": [...]}`);
  return entries.map((e: unknown, i) => {
    const x = e as Record<string, unknown>;
    const ok =
      typeof x['journal'] === 'string' &&
      Number.isInteger(x['from']) &&
      Number.isInteger(x['to']) &&
      (x['from'] as number) <= (x['to'] as number) &&
      typeof x['reason'] === 'string' &&
      (x['reason'] as string).length > 0 &&
      (x['implementation'] === undefined || typeof x['implementation'] === 'string') &&
      (x['pointer'] === undefined || typeof x['pointer'] === 'string');
    if (!ok) throw new Error(`${path}: /accepted/${i} needs journal, from <= to, reason (and optionally implementation, pointer)`);
    return x as unknown as AcceptedChange;
  });
}

function covers(e: AcceptedChange, journal: string, impl: string, d: ReplayDifference): boolean {
  return (
    e.journal === journal &&
    (e.implementation === undefined || e.implementation === impl) &&
    e.from <= d.index &&
    d.index <= e.to &&
    (e.pointer === undefined || e.pointer === d.pointer)
  );
}

export function runReplayGate(dir: string, impls: readonly Implementation[], cwd: string): GateResult {
  const accepted = readAccepted(join(dir, ACCEPTED_FILE));
  const used = new Set<AcceptedChange>();
  const failures: string[] = [];
  let replays = 0;
  let steps = 0;
  let acceptedCount = 0;
  for (const file of goldenJournalFiles(dir)) {
    const journal = basename(file);
    for (const impl of impls) {
      const r = replayJournal(file, impl, cwd);
      replays += 1;
      steps += r.steps;
      for (const p of r.problems) failures.push(`${journal} (${impl.name}): ${p}`);
      for (const d of r.differences) {
        const entry = accepted.find((e) => covers(e, journal, impl.name, d));
        if (entry !== undefined) {
          used.add(entry);
          acceptedCount += 1;
          continue;
        }
        failures.push(`${journal} record ${d.index} (${impl.name}) differs at ${d.pointer || '/'}: recorded ${d.recorded}, replayed ${d.replayed}`);
      }
    }
  }
  const ran = new Set(impls.map((i) => i.name));
  for (const e of accepted) {
    if (used.has(e) || (e.implementation !== undefined && !ran.has(e.implementation))) continue;
    failures.push(`accepted entry ${e.journal} records ${e.from}..${e.to}${e.implementation ? ` (${e.implementation})` : ''} no longer differs: remove it (${e.reason})`);
  }
  return { replays, steps, accepted: acceptedCount, failures };
}
