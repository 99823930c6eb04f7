/**
 * The shared corpus of interesting scenarios (`fixtures/fuzz-corpus/`): content-addressed
 * fixture files `<sha256 hex of canonical {config, steps}>.json` (golden answers from the
 * reference engine) and `index.json` naming each entry with its level, size and features (the
 * matrix cells and diagnostic codes its reference answers show). The corpus hash, which every
 * task names, is the sha256 of the index bytes. Each task replays its slice (entry j goes to
 * shard j mod n) before exploring; `lockstep fuzz corpus` rebuilds it, pruned (`corpus-prune.ts`).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Fixture } from '../../generated/ts/types.js';
import { canonicalize, parseJson } from '../canonical/index.js';
import { validate } from '../contracts/index.js';
import { fixtureId } from '../harness/fixture-id.js';
import { answerCode } from './failure-facts.js';
import type { CorpusCandidate } from './corpus-prune.js';
import { referenceAnswers } from './regression-fixtures.js';
import type { Scenario, ScenarioLevel } from './scenario.js';
import { scenarioFixture } from './scenario-fixture.js';

export const CORPUS_DIR = 'fixtures/fuzz-corpus';
export const CORPUS_FORMAT = 'lockstep.fuzz_corpus.v1' as const;

export interface CorpusEntry extends CorpusCandidate {
  readonly level: ScenarioLevel;
}

export interface CorpusIndex {
  readonly format: typeof CORPUS_FORMAT;
  readonly entries: readonly CorpusEntry[];
}

export const indexText = (index: CorpusIndex): string => `${canonicalize(index)}\n`;

export function corpusHash(text: string): string {
  return `sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`;
}

/** The corpus index and its hash; an absent corpus is the empty index. */
export function readCorpusIndex(dir: string): { index: CorpusIndex; hash: string } {
  let text: string;
  try {
    text = readFileSync(join(dir, 'index.json'), 'utf8');
  } catch {
    const empty: CorpusIndex = { format: CORPUS_FORMAT, entries: [] };
    return { index: empty, hash: corpusHash(indexText(empty)) };
  }
  const index = parseJson(text) as CorpusIndex;
  if (index.format !== CORPUS_FORMAT || !Array.isArray(index.entries)) throw new Error(`${join(dir, 'index.json')}: not a ${CORPUS_FORMAT} index`);
  return { index, hash: corpusHash(text) };
}

/** Entry j of the sorted index belongs to shard (j mod count) + 1. */
export function corpusSlice(index: CorpusIndex, shard: { index: number; count: number }): CorpusEntry[] {
  return index.entries.filter((_, j) => j % shard.count === shard.index - 1);
}

/** Reads one entry's scenario, checking the file is the fixture its name promises. */
export function loadCorpusScenario(dir: string, entry: CorpusEntry): Scenario {
  const file = join(dir, `${entry.id}.json`);
  const value = parseJson(readFileSync(file, 'utf8'));
  const checked = validate('Fixture', value);
  if (!checked.ok) throw new Error(`${file}: not a fixture at ${checked.errors[0]!.path || '/'}: ${checked.errors[0]!.message}`);
  const fixture = value as Fixture;
  if (fixtureId(fixture) !== `sha256:${entry.id}`) throw new Error(`${file}: content does not match its address (sha256 of canonical {config, steps})`);
  return { level: entry.level, config: fixture.config, steps: fixture.steps };
}

/** Matrix cells and diagnostic codes in one scenario's reference answers. */
export function scenarioFeatures(answers: readonly string[]): string[] {
  const features = new Set<string>();
  for (const line of answers) {
    const a = JSON.parse(line) as Parameters<typeof answerCode>[0] & { result?: { outcome?: { transitions?: { machine?: string; from?: string; trigger?: string; to?: string }[] } } };
    const code = answerCode(a);
    if (code !== '') features.add(`code ${code}`);
    for (const t of a?.result?.outcome?.transitions ?? []) {
      if (t.machine === 'SLOT' || t.machine === 'ORDER') features.add(`${t.machine} ${t.from} -${t.trigger}-> ${t.to}`);
    }
  }
  return [...features].sort();
}

/** Writes the chosen entries and the index; files of entries no longer chosen are removed. */
export function writeCorpus(dir: string, chosen: readonly { entry: CorpusEntry; scenario: Scenario }[]): string {
  mkdirSync(dir, { recursive: true });
  const keep = new Set(chosen.map((c) => `${c.entry.id}.json`));
  for (const name of readdirSync(dir)) if (name.endsWith('.json') && name !== 'index.json' && !keep.has(name)) rmSync(join(dir, name));
  for (const { entry, scenario } of chosen) {
    const draft = scenarioFixture(scenario, { name: `corpus-${entry.id.slice(0, 16)}`, description: `Shared fuzz corpus entry (${entry.level}, ${entry.features.length} features).`, tags: ['fuzz-corpus', entry.level] });
    writeFileSync(join(dir, `${entry.id}.json`), `${canonicalize({ ...draft, expected: referenceAnswers(draft) })}\n`);
  }
  const index: CorpusIndex = { format: CORPUS_FORMAT, entries: [...chosen.map((c) => c.entry)].sort((a, b) => (a.id < b.id ? -1 : 1)) };
  const text = indexText(index);
  writeFileSync(join(dir, 'index.json'), text);
  return corpusHash(text);
}
