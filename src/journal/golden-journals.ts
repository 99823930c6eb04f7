// The golden journals of the replay regression gate (fixtures/journals/, docs/journal.md):
// one journal per corpus topic (every fixture of the topic, one session each) and one long
// realistic fuzz session from a fixed seed.
import { mkdirSync, readdirSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import fc from 'fast-check';
import type { Fixture } from '../../generated/ts/types.js';
import { loadFixtures } from '../harness/fixture-file.js';
import { fixtureLines, FRESH_FRAME, helloLine, placeFixture } from '../harness/session-frame.js';
import { realisticScenarioArbitrary } from '../fuzz/realistic-scenario.js';
import { scenarioFixture } from '../fuzz/scenario-fixture.js';
import { recordSessions } from './record-sessions.js';

export const GOLDEN_DIR = 'fixtures/journals';
export const JOURNAL_SUFFIX = '.journal';

/** The long realistic session: its seed and length (commands asked of the strategy). */
export const REALISTIC_SEED = 20261129;
export const REALISTIC_COMMANDS = 1500;

/** A fixture's session as sent to a fresh server: hello (unless bare), configure, steps. */
export function fixtureSessionLines(fixture: Fixture): Buffer[] {
  const placement = placeFixture(fixture);
  const opening = placement.opening === 'bare' ? [] : [Buffer.from(helloLine(), 'utf8')];
  return [...opening, ...fixtureLines(fixture, placement, FRESH_FRAME)];
}

/** The golden journals' names and their sessions, in name order. */
export function goldenSessions(repoRoot: string): Map<string, Buffer[][]> {
  const load = loadFixtures(join(repoRoot, 'fixtures'));
  if (!load.ok) throw new Error(`fixtures do not load: ${load.problems.map((p) => `${p.file}${p.pointer}: ${p.reason}`).join('; ')}`);
  const byTopic = new Map<string, Buffer[][]>();
  for (const { file, fixture } of load.fixtures) {
    const parts = relative(join(repoRoot, 'fixtures'), join(repoRoot, file)).split(sep);
    if (parts[0] !== 'corpus' && parts[0] !== 'sessions') continue;
    const name = `${parts[0]}-${basename(dirname(file))}`;
    const list = byTopic.get(name) ?? [];
    list.push(fixtureSessionLines(fixture));
    byTopic.set(name, list);
  }
  const [scenario] = fc.sample(realisticScenarioArbitrary({ minCommands: REALISTIC_COMMANDS, maxCommands: REALISTIC_COMMANDS }), { seed: REALISTIC_SEED, numRuns: 1 });
  if (scenario !== undefined) byTopic.set(`realistic-${REALISTIC_SEED}`, [fixtureSessionLines(scenarioFixture(scenario, { name: 'realistic' }))]);
  return new Map([...byTopic.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** Writes every golden journal under `dir`; returns the files written. */
export function writeGoldenJournals(repoRoot: string, dir: string = join(repoRoot, GOLDEN_DIR)): string[] {
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  for (const [name, sessions] of goldenSessions(repoRoot)) {
    const path = join(dir, `${name}${JOURNAL_SUFFIX}`);
    recordSessions(path, sessions);
    written.push(path);
  }
  return written;
}

/** The golden journal files under `dir`, in name order. */
export function goldenJournalFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(JOURNAL_SUFFIX))
    .sort()
    .map((f) => join(dir, f));
}
