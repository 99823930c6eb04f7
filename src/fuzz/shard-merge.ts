/**
 * `lockstep fuzz merge`: shard result files (`shard-file.ts`) into one report, the same bytes
 * whatever order the files come in. Everything is keyed and sorted by content (task identity,
 * signature, exemplar size), sums are of integers, and the report is canonical JSON.
 *
 * Failures dedupe by signature (`failure-signature.ts`); each signature keeps its few smallest
 * exemplars and a status: `new` (no regression fixture), `known` (one exists, or a replayed
 * regression fixture still fails alike); signatures of regression fixtures that nothing failed
 * with are listed as `fixed`. A partial file (no footer) and a missing shard are listed and fail
 * the merge; their failures are not counted. For canary tasks the merge recomputes which seeds
 * had a divergence planted and requires a failure on each: the pipeline proves itself.
 */
import type { FuzzFailureFacts, FuzzScenario, FuzzShardFailure, FuzzTask } from '../../generated/ts/types.js';
import { canonicalize } from '../canonical/index.js';
import { CANARY_NAME, isCanarySeed } from './canary-target.js';
import { EXEMPLARS_PER_SIGNATURE_MAX, exemplarOrder as keyOrder } from './exemplar-keeper.js';
import { taskIdentity, taskSeeds } from './fuzz-task.js';
import type { ShardFile } from './shard-file.js';

export { EXEMPLARS_PER_SIGNATURE_MAX };

export interface MergedExemplar {
  readonly shard: string;
  readonly source: string;
  readonly seed: number;
  readonly steps: number;
  readonly step: number;
  readonly summary: string;
  /** The scenario itself, when its shard kept it (a complete shard keeps its smallest ones). */
  readonly scenario?: FuzzScenario;
}

export interface MergedSignature {
  readonly signature: string;
  readonly status: 'new' | 'known' | 'canary';
  readonly kind: string;
  readonly implementation: string;
  readonly facts: FuzzFailureFacts;
  readonly count: number;
  readonly regressions: readonly string[];
  readonly exemplars: readonly MergedExemplar[];
}

export interface MergedReport {
  readonly format: 'lockstep.fuzz_merged.v1';
  readonly commits: readonly string[];
  readonly contracts_hashes: readonly string[];
  readonly shards: readonly { readonly task: string; readonly runs: number; readonly steps: number; readonly failures: number; readonly elapsed_ms: number }[];
  readonly partial: readonly { readonly task: string; readonly failures_seen: number }[];
  readonly missing: readonly string[];
  readonly totals: { readonly runs: number; readonly steps: number; readonly failures: number; readonly corpus_replayed: number; readonly regressions_replayed: number; readonly elapsed_ms_max: number; readonly elapsed_ms_sum: number };
  readonly signatures: readonly MergedSignature[];
  readonly fixed: readonly { readonly signature: string; readonly regressions: readonly string[] }[];
  readonly canary: { readonly planted: number; readonly detected: number; readonly undetected_seeds: readonly number[] };
  readonly coverage: { readonly slot: readonly { key: string; count: number }[]; readonly order: readonly { key: string; count: number }[] };
  readonly problems: readonly string[];
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** A task's name in reports: readable, unique per task. */
export function taskLabel(t: FuzzTask): string {
  return `${t.target}/${t.level}/epoch-${t.epoch}/shard-${t.shard.index}-of-${t.shard.count}@${t.commit}`;
}

function exemplarOrder(a: MergedExemplar, b: MergedExemplar): number {
  return keyOrder(a, b) || a.step - b.step || byText(a.shard, b.shard);
}

/** Kept scenarios of complete shards, by signature, source and seed. */
function keptScenarios(complete: readonly ShardFile[]): Map<string, FuzzScenario> {
  const kept = new Map<string, FuzzScenario>();
  for (const f of complete) for (const e of f.exemplars) kept.set(`${e.signature}\u0000${e.source}\u0000${e.seed}`, e.scenario);
  return kept;
}

function countsOf(entries: Iterable<{ key: string; count: number }>): { key: string; count: number }[] {
  const m = new Map<string, number>();
  for (const e of entries) m.set(e.key, (m.get(e.key) ?? 0) + e.count);
  return [...m].map(([key, count]) => ({ key, count })).sort((a, b) => byText(a.key, b.key));
}

/** Canary seeds planted by the complete canary tasks: recomputed from the tasks, which are pure. */
function plantedSeeds(files: readonly ShardFile[]): Map<number, string> {
  const planted = new Map<number, string>();
  for (const f of files) {
    const t = f.header.task;
    if (t.target !== CANARY_NAME || f.footer === undefined) continue;
    const seedAt = taskSeeds(t);
    for (let k = 0; k < f.footer.runs; k++) if (isCanarySeed(seedAt(k))) planted.set(seedAt(k), taskLabel(t));
  }
  return planted;
}

interface Group {
  readonly first: FuzzShardFailure;
  count: number;
  regressionReplayed: boolean;
  exemplars: MergedExemplar[];
}

function groupFailures(complete: readonly ShardFile[]): Map<string, Group> {
  const groups = new Map<string, Group>();
  for (const f of complete) {
    const shard = taskLabel(f.header.task);
    for (const x of f.failures) {
      const g = groups.get(x.signature) ?? { first: x, count: 0, regressionReplayed: false, exemplars: [] };
      groups.set(x.signature, g);
      g.count += 1;
      if (x.source.startsWith('regression:')) g.regressionReplayed = true;
      g.exemplars.push({ shard, source: x.source, seed: x.seed, steps: x.steps, step: x.step, summary: x.summary });
      // Bounded as it goes: a bug hit a million times keeps four exemplars, not a million.
      if (g.exemplars.length > 4 * EXEMPLARS_PER_SIGNATURE_MAX) g.exemplars = g.exemplars.sort(exemplarOrder).slice(0, EXEMPLARS_PER_SIGNATURE_MAX);
    }
  }
  return groups;
}

function missingShards(files: readonly ShardFile[]): string[] {
  const jobs = new Map<string, { task: FuzzTask; seen: Set<number> }>();
  for (const f of files) {
    const t = f.header.task;
    const job = `${taskLabel({ ...t, shard: { index: 0, count: t.shard.count } })}`;
    const j = jobs.get(job) ?? { task: t, seen: new Set() };
    jobs.set(job, j);
    j.seen.add(t.shard.index);
  }
  const missing: string[] = [];
  for (const { task, seen } of jobs.values()) {
    for (let i = 1; i <= task.shard.count; i++) if (!seen.has(i)) missing.push(taskLabel({ ...task, shard: { index: i, count: task.shard.count } }));
  }
  return missing.sort(byText);
}

/** Merges shard files; `known` maps signatures to their regression fixtures (`known-signatures.ts`). */
export function mergeShards(files: readonly ShardFile[], known: ReadonlyMap<string, readonly string[]>): MergedReport {
  const problems: string[] = [];
  const seen = new Map<string, string>();
  for (const f of files) {
    const id = taskIdentity(f.header.task) + String(f.header.task.shard.index);
    if (seen.has(id)) problems.push(`task ${taskLabel(f.header.task)} appears twice (${[seen.get(id)!, f.file].sort(byText).join(', ')}); counted once`);
    seen.set(id, f.file);
  }
  // One file per task: of duplicates, the complete one with the most runs, then the first by name.
  const unique = [...new Map([...files].sort((a, b) => (b.footer?.runs ?? -1) - (a.footer?.runs ?? -1) || byText(a.file, b.file)).reverse().map((f) => [taskIdentity(f.header.task) + String(f.header.task.shard.index), f])).values()];
  const complete = unique.filter((f) => f.footer !== undefined);
  const partial = unique.filter((f) => f.footer === undefined).map((f) => ({ task: taskLabel(f.header.task), failures_seen: f.failures.length })).sort((a, b) => byText(a.task, b.task));
  const contractsHashes = [...new Set(unique.map((f) => f.header.contracts_hash))].sort(byText);
  if (contractsHashes.length > 1) problems.push(`shards ran against ${contractsHashes.length} different contracts: their results do not compare`);
  const groups = groupFailures(complete);
  const scenarios = keptScenarios(complete);
  const planted = plantedSeeds(complete);
  const failedSeeds = new Set(complete.flatMap((f) => (f.header.task.target === CANARY_NAME ? f.failures.map((x) => x.seed) : [])));
  const undetected = [...planted.keys()].filter((s) => !failedSeeds.has(s)).sort((a, b) => a - b);
  const signatures: MergedSignature[] = [...groups.entries()]
    .map(([signature, g]) => {
      const regressions = [...(known.get(signature) ?? [])];
      const isCanary = g.first.implementation === CANARY_NAME && g.first.facts.pointer === '/canary';
      const status: MergedSignature['status'] = isCanary ? 'canary' : regressions.length > 0 || g.regressionReplayed ? 'known' : 'new';
      const exemplars = g.exemplars
        .sort(exemplarOrder)
        .slice(0, EXEMPLARS_PER_SIGNATURE_MAX)
        .map((e) => {
          const scenario = scenarios.get(`${signature}\u0000${e.source}\u0000${e.seed}`);
          return scenario ? { ...e, scenario } : e;
        });
      return { signature, status, kind: g.first.kind, implementation: g.first.implementation, facts: g.first.facts, count: g.count, regressions, exemplars };
    })
    .sort((a, b) => byText(a.signature, b.signature));
  const fixed = [...known.entries()].filter(([s]) => !groups.has(s)).map(([signature, regressions]) => ({ signature, regressions: [...regressions] })).sort((a, b) => byText(a.signature, b.signature));
  const sum = (f: (s: ShardFile) => number) => complete.reduce((n, s) => n + f(s), 0);
  return {
    format: 'lockstep.fuzz_merged.v1',
    commits: [...new Set(unique.map((f) => f.header.task.commit))].sort(byText),
    contracts_hashes: contractsHashes,
    shards: complete.map((f) => ({ task: taskLabel(f.header.task), runs: f.footer!.runs, steps: f.footer!.steps, failures: f.failures.length, elapsed_ms: f.footer!.elapsed_ms })).sort((a, b) => byText(a.task, b.task)),
    partial,
    missing: missingShards(unique),
    totals: {
      runs: sum((f) => f.footer!.runs),
      steps: sum((f) => f.footer!.steps),
      failures: sum((f) => f.failures.length),
      corpus_replayed: sum((f) => f.footer!.corpus_replayed),
      regressions_replayed: sum((f) => f.footer!.regressions_replayed),
      elapsed_ms_max: complete.reduce((m, f) => Math.max(m, f.footer!.elapsed_ms), 0),
      elapsed_ms_sum: sum((f) => f.footer!.elapsed_ms),
    },
    signatures,
    fixed,
    canary: { planted: planted.size, detected: planted.size - undetected.length, undetected_seeds: undetected },
    coverage: { slot: countsOf(complete.flatMap((f) => f.coverage?.slot ?? [])), order: countsOf(complete.flatMap((f) => f.coverage?.order ?? [])) },
    problems: problems.sort(byText),
  };
}

/** The merged report's bytes: canonical JSON and a newline, identical for any order of inputs. */
export function mergedReportText(r: MergedReport): string {
  return `${canonicalize(r)}\n`;
}

/** Whether the merged run failed: a real failure, a shard partial or missing, or an undetected canary. */
export function mergeFailed(r: MergedReport): boolean {
  return r.signatures.some((s) => s.status !== 'canary') || r.partial.length > 0 || r.missing.length > 0 || r.canary.undetected_seeds.length > 0 || r.problems.length > 0;
}
