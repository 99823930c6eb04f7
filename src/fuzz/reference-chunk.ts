/**
 * One chunk of a batch's reference leg: generate the scenarios of some seeds and run them
 * through the reference engine with every check (`checkReference`). The same function runs
 * on the main thread and on a worker (`reference-worker.ts`); what it returns is plain data.
 */
import { performance } from 'node:perf_hooks';
import { requestTextsOf, type RequestText } from '../harness/session-frame.js';
import { checkReference, type ReferenceCheck } from './reference-check.js';
import { generateScenario } from './scenario-generation.js';
import { MatrixCoverage } from './matrix-coverage.js';
import type { Scenario } from './scenario.js';
import type { LevelChoice, ScenarioArbitraryConstraints } from './scenario-arbitrary.js';

export interface ReferenceTask {
  readonly id: number;
  readonly seeds: readonly number[];
  /** Index in the batch of the chunk's first seed (names its fixtures). */
  readonly firstIndex: number;
  readonly level: LevelChoice;
  readonly generator: ScenarioArbitraryConstraints | undefined;
  readonly skipKernelInvariants: boolean;
}

export interface ReferenceTaskResult {
  readonly id: number;
  readonly scenarios: Scenario[];
  readonly checked: ReferenceCheck;
  readonly generationMs: number;
  readonly coverage: { slot: Record<string, number>; order: Record<string, number> };
  /** Each fixture's request texts, already written for the reference run: the targets reuse them. */
  readonly texts: (RequestText | undefined)[][];
}

export function runReferenceTask(task: ReferenceTask): ReferenceTaskResult {
  const t = performance.now();
  const scenarios = task.seeds.map((s) => generateScenario(task.level, s, task.generator));
  const generationMs = performance.now() - t;
  const coverage = new MatrixCoverage();
  const checked = checkReference(scenarios, { coverage, skipKernelInvariants: task.skipKernelInvariants, firstIndex: task.firstIndex });
  const texts = checked.reference.fixtures.map((run) => requestTextsOf(run.planned.loaded.fixture));
  return { id: task.id, scenarios, checked, generationMs, coverage: coverage.toJSON(), texts };
}
