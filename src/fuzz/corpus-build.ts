/**
 * Rebuilds the shared corpus: the entries it holds plus freshly generated scenarios, each run
 * through the reference engine (a scenario failing there is a bug to report, not a corpus
 * entry), pruned to the smallest set keeping every feature any of them shows.
 */
import { fixtureId } from '../harness/fixture-id.js';
import { pruneCorpus } from './corpus-prune.js';
import { checkReference } from './fuzz-engine.js';
import { generateScenario } from './fuzz-run.js';
import type { Scenario } from './scenario.js';
import type { LevelChoice, ScenarioArbitraryConstraints } from './scenario-arbitrary.js';
import { loadCorpusScenario, readCorpusIndex, scenarioFeatures, writeCorpus, type CorpusEntry } from './scenario-corpus.js';

export interface CorpusBuildOptions {
  readonly seeds: readonly number[];
  readonly level: LevelChoice;
  readonly generator?: ScenarioArbitraryConstraints;
}

export interface CorpusBuildResult {
  readonly hash: string;
  readonly candidates: number;
  readonly kept: number;
  readonly features: number;
  /** Scenarios the reference engine failed on (left out), with why. */
  readonly refused: readonly string[];
}

/** Reference runs per chunk: bounds the answers held in memory at once. */
const CHUNK = 200;

export function buildCorpus(dir: string, o: CorpusBuildOptions): CorpusBuildResult {
  const { index } = readCorpusIndex(dir);
  const scenarios: Scenario[] = [...index.entries.map((e) => loadCorpusScenario(dir, e)), ...o.seeds.map((s) => generateScenario(o.level, s, o.generator))];
  const entries: { entry: CorpusEntry; scenario: Scenario }[] = [];
  const refused: string[] = [];
  for (let from = 0; from < scenarios.length; from += CHUNK) {
    const chunk = scenarios.slice(from, from + CHUNK);
    const checked = checkReference(chunk, { firstIndex: from });
    checked.reference.fixtures.forEach((run, i) => {
      const scenario = chunk[i]!;
      const failure = checked.failures[i];
      if (failure !== undefined) {
        refused.push(`scenario ${from + i}: ${failure.kind}: ${failure.summary}`);
        return;
      }
      const id = fixtureId({ config: scenario.config, steps: [...scenario.steps] }).slice('sha256:'.length);
      entries.push({ entry: { id, level: scenario.level, steps: scenario.steps.length, features: scenarioFeatures(run.responses) }, scenario });
    });
  }
  const chosen = new Set(pruneCorpus(entries.map((e) => e.entry)).map((c) => c.id));
  const kept = [...new Map(entries.filter((e) => chosen.has(e.entry.id)).map((e) => [e.entry.id, e])).values()];
  const hash = writeCorpus(dir, kept);
  return { hash, candidates: entries.length, kept: kept.length, features: new Set(entries.flatMap((e) => e.entry.features)).size, refused };
}
