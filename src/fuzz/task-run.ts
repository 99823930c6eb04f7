/**
 * Runs one fuzz task (`fuzz-task.ts`) and writes its shard result file (`shard-file.ts`):
 * the task's slice of the shared corpus and of the regression fixtures first, then generated
 * scenarios whose seeds are hashed from the task, until its run count or time budget. Failures
 * are counted and written as they are found (not shrunk: a task's job is to find and sign;
 * the merged report names the smallest exemplars and a seed replays each one).
 */
import { performance } from 'node:perf_hooks';
import pkg from '../../package.json' with { type: 'json' };
import { CONTRACTS_HASH } from '../../generated/ts/contracts-hash.js';
import type { FuzzShardFailure } from '../../generated/ts/types.js';
import { RUST_BINARY, TS_SERVER_COMMAND } from '../harness/implementation.js';
import { ensureTsServer } from '../harness/ts-server-build.js';
import { CANARY_NAME, isCanarySeed } from './canary-target.js';
import { checkScenarioBatch, type FuzzTarget } from './fuzz-engine.js';
import type { FuzzFailureRecord } from './fuzz-report.js';
import { failureRecord, runFuzz } from './fuzz-run.js';
import { FuzzTaskError, taskSeeds, type FuzzTask } from './fuzz-task.js';
import { ExemplarKeeper } from './exemplar-keeper.js';
import { MatrixCoverage } from './matrix-coverage.js';
import { loadRegressions } from './regression-fixtures.js';
import type { Scenario } from './scenario.js';
import { corpusSlice, loadCorpusScenario, readCorpusIndex } from './scenario-corpus.js';
import { ShardFileWriter } from './shard-file.js';

export interface TaskRunOptions {
  readonly root: string;
  readonly corpusDir: string;
  readonly regressionsDir: string;
  readonly out: string;
  readonly timeoutMs: number;
  readonly workers: number;
  readonly onProgress?: (p: { scenarios: number; runs: number; elapsedMs: number; failures: number }) => void;
}

export interface TaskRunResult {
  readonly runs: number;
  readonly failures: number;
  readonly elapsedMs: number;
}

/** The target a task names, as the engine drives it. */
export function taskTarget(target: FuzzTask['target']): FuzzTarget {
  if (target === 'ts-server') return { name: target, command: TS_SERVER_COMMAND };
  if (target === CANARY_NAME) return { name: CANARY_NAME, command: RUST_BINARY, plantsOn: isCanarySeed };
  return { name: target, command: RUST_BINARY };
}

/** Text fields of the schema hold at most 512 characters, cut between code points. */
const text512 = (s: string): string => (s.length <= 512 ? s : Array.from(s).slice(0, 509).join('') + '...');

function shardFailure(r: FuzzFailureRecord, source: string): FuzzShardFailure {
  return {
    record: 'failure',
    signature: text512(r.signature!),
    seed: r.seed,
    source,
    kind: r.kind as FuzzShardFailure['kind'],
    implementation: r.implementation,
    step: r.step ?? -1,
    steps: r.steps ?? 0,
    facts: r.facts!,
    summary: text512(r.summary),
  };
}

/** The corpus slice and the regression slice, as scenarios named by their source. */
function replaySlice(task: FuzzTask, o: TaskRunOptions): { source: string; scenario: Scenario }[] {
  const { index, hash } = readCorpusIndex(o.corpusDir);
  if (hash !== task.corpus_hash) throw new FuzzTaskError(`the task names corpus ${task.corpus_hash} but ${o.corpusDir} holds ${hash}: run it on the checkout it was planned from`);
  const corpus = corpusSlice(index, task.shard).map((e) => ({ source: `corpus:${e.id}`, scenario: loadCorpusScenario(o.corpusDir, e) }));
  const regressions = loadRegressions(o.regressionsDir)
    .filter((_, j) => j % task.shard.count === task.shard.index - 1)
    .map(({ fixture }) => ({ source: `regression:${fixture.name}`, scenario: { level: 'adversarial' as const, config: fixture.config, steps: fixture.steps } }));
  return [...corpus, ...regressions];
}

export async function runTask(task: FuzzTask, o: TaskRunOptions): Promise<TaskRunResult> {
  const started = performance.now();
  const target = taskTarget(task.target);
  const problem = task.target === 'ts-server' ? ensureTsServer(o.root) : undefined;
  if (problem !== undefined) throw new Error(problem);
  const replay = replaySlice(task, o);
  const writer = new ShardFileWriter(o.out, {
    task,
    build: { lockstep: pkg.version, node: process.version, target: text512(`${target.name}: ${target.command}`) },
    contracts_hash: CONTRACTS_HASH,
  });
  let failures = 0;
  const exemplars = new ExemplarKeeper();
  const found = (r: FuzzFailureRecord, scenario: Scenario, source: string) => {
    failures += 1;
    const line = shardFailure(r, source);
    writer.write(line);
    exemplars.offer({ signature: line.signature, source, seed: line.seed, steps: line.steps }, scenario);
  };
  try {
    const coverage = new MatrixCoverage();
    const batch = { timeoutMs: o.timeoutMs, cwd: o.root, coverage };
    const replayed = replay.length > 0 ? await checkScenarioBatch(replay.map((r) => r.scenario), [target], batch) : undefined;
    replayed?.failures.forEach((f, i) => {
      if (f !== undefined) found({ ...failureRecord(f, replay[i]!.scenario), seed: 0, repro: '' }, replay[i]!.scenario, replay[i]!.source);
    });
    const report = await runFuzz({
      seed: 0,
      runs: task.runs,
      ...(task.time_budget_s !== undefined ? { timeBudgetMs: task.time_budget_s * 1000 } : {}),
      shard: { index: task.shard.index - 1, count: task.shard.count },
      seedAt: taskSeeds(task),
      level: task.level,
      targets: [target],
      cwd: o.root,
      timeoutMs: o.timeoutMs,
      regressionsDir: o.regressionsDir,
      skipRegressions: true,
      stopOnFailure: false,
      workers: o.workers,
      ...(task.max_commands !== undefined ? { generator: { maxCommands: task.max_commands } } : {}),
      reproCommand: () => '',
      onFailure: (r, scenario) => found(r, scenario, 'generated'),
      ...(o.onProgress ? { onProgress: o.onProgress } : {}),
    });
    for (const e of exemplars.records()) writer.write(e);
    coverage.merge(report.coverage);
    const cells = (m: Record<string, number>) => Object.entries(m).map(([key, count]) => ({ key, count }));
    const json = coverage.toJSON();
    writer.write({ record: 'coverage', slot: cells(json.slot), order: cells(json.order) });
    const elapsedMs = performance.now() - started;
    writer.close({
      // A time budget that cut the runs short is still a complete task: the footer says how far it got.
      complete: true,
      runs: report.scenarios,
      steps: report.steps,
      corpus_replayed: replay.filter((r) => r.source.startsWith('corpus:')).length,
      regressions_replayed: replay.filter((r) => r.source.startsWith('regression:')).length,
      elapsed_ms: Math.round(elapsedMs),
    });
    return { runs: report.scenarios, failures, elapsedMs };
  } catch (error) {
    writer.abandon();
    throw error;
  }
}
