// Campaigns from the task-based fuzz formats: shard result files (lockstep.fuzz_shard.v1, JSON
// lines: header, failures, coverage, footer) and merged reports (lockstep.fuzz_merged.v1).
import type { CampaignFailure, FuzzCampaign } from './fuzz-campaign.js';

interface Task {
  readonly commit: string;
  readonly target: string;
  readonly level: string;
  readonly epoch: number;
  readonly runs: number;
  readonly shard: { readonly index: number; readonly count: number };
}

type CellCounts = readonly { readonly key: string; readonly count: number }[];

export type ShardLine =
  | { readonly record: 'header'; readonly task: Task }
  | { readonly record: 'failure'; readonly signature: string; readonly seed: number; readonly source: string; readonly kind: string; readonly implementation: string; readonly step: number; readonly steps: number; readonly summary: string; readonly facts?: { readonly pointer?: string } }
  | { readonly record: 'coverage'; readonly slot: CellCounts; readonly order: CellCounts }
  | { readonly record: 'footer'; readonly runs: number; readonly steps: number; readonly elapsed_ms: number };

export interface ShardFileLines {
  readonly file: string;
  readonly lines: readonly ShardLine[];
}

const taskLabel = (t: Task, index = t.shard.index): string => `${t.target}/${t.level}/epoch-${t.epoch}/shard-${index}-of-${t.shard.count}@${t.commit}`;
const taskCommand = (t: Task): string => `lockstep fuzz --task '${JSON.stringify(t)}'`;

function addCounts(into: Record<string, number>, counts: CellCounts): void {
  for (const c of counts) into[c.key] = (into[c.key] ?? 0) + c.count;
}

/** Shard files of one or more jobs: complete files are summed; partial and missing shards are problems. */
export function campaignFromShards(files: readonly ShardFileLines[]): FuzzCampaign {
  const coverage = { slot: {} as Record<string, number>, order: {} as Record<string, number> };
  const failures = new Map<string, CampaignFailure>();
  const problems: { what: string; command: string }[] = [];
  const seen = new Map<string, { task: Task; shards: Set<number> }>();
  let runs = 0, steps = 0, elapsedMs = 0;
  for (const f of files) {
    const header = f.lines[0] as Extract<ShardLine, { record: 'header' }>;
    const task = header.task;
    const job = seen.get(taskLabel(task, 0)) ?? { task, shards: new Set<number>() };
    seen.set(taskLabel(task, 0), job);
    job.shards.add(task.shard.index);
    const footer = f.lines.find((l): l is Extract<ShardLine, { record: 'footer' }> => l.record === 'footer');
    if (footer === undefined) {
      problems.push({ what: `${f.file}: shard ${taskLabel(task)} has no footer (the task did not finish): not counted`, command: taskCommand(task) });
      continue;
    }
    runs += footer.runs;
    steps += footer.steps;
    elapsedMs = Math.max(elapsedMs, footer.elapsed_ms);
    for (const l of f.lines) {
      if (l.record === 'coverage') {
        addCounts(coverage.slot, l.slot);
        addCounts(coverage.order, l.order);
      } else if (l.record === 'failure') {
        const had = failures.get(l.signature);
        if (had) failures.set(l.signature, { ...had, count: had.count + 1 });
        // The canary target plants its divergences on purpose: found, they prove the pipeline.
        else failures.set(l.signature, { ...(l.implementation === 'canary' && l.facts?.pointer === '/canary' ? { status: 'canary' } : {}), signature: l.signature, kind: l.kind, implementation: l.implementation, summary: l.summary, repro: taskCommand(task), count: 1, step: l.step, name: l.source.startsWith('regression:') ? l.source.slice('regression:'.length) : `${l.source} seed ${l.seed}`, ...(l.facts?.pointer !== undefined ? { pointer: l.facts.pointer } : {}) });
      }
    }
  }
  for (const { task, shards } of seen.values()) {
    for (let i = 1; i <= task.shard.count; i++) if (!shards.has(i)) problems.push({ what: `shard ${taskLabel(task, i)} has no result file`, command: taskCommand({ ...task, shard: { index: i, count: task.shard.count } }) });
  }
  const first = (files[0]?.lines[0] as Extract<ShardLine, { record: 'header' }> | undefined)?.task;
  return { name: first ? `fuzz: ${first.target}/${first.level} @${first.commit}` : 'fuzz', runs, steps, elapsedMs, failures: [...failures.values()], coverage, problems };
}

export interface MergedV1 {
  readonly format: 'lockstep.fuzz_merged.v1';
  readonly partial?: readonly { readonly task: string }[];
  readonly missing?: readonly string[];
  readonly problems?: readonly string[];
  readonly shards?: readonly { readonly task: string }[];
  readonly totals: { readonly runs: number; readonly steps: number; readonly elapsed_ms_max?: number };
  readonly signatures: readonly {
    readonly signature: string;
    readonly status: string;
    readonly kind: string;
    readonly implementation: string;
    readonly count: number;
    readonly regressions?: readonly string[];
    readonly facts?: { readonly pointer?: string };
    readonly exemplars?: readonly { readonly shard?: string; readonly source?: string; readonly seed?: number; readonly step?: number; readonly summary?: string }[];
  }[];
  readonly fixed?: readonly { readonly signature: string }[];
  readonly canary?: { readonly undetected_seeds?: readonly number[] };
  readonly coverage: { readonly slot: CellCounts; readonly order: CellCounts };
}

const fixtureName = (path: string): string => path.replace(/^.*\//, '').replace(/\.json$/, '');

/** A merged report: its verdicts (new / known / canary / fixed) are taken as they are. */
export function campaignFromMerged(m: MergedV1, file: string): FuzzCampaign {
  const coverage = { slot: {} as Record<string, number>, order: {} as Record<string, number> };
  addCounts(coverage.slot, m.coverage.slot);
  addCounts(coverage.order, m.coverage.order);
  const rerun = `lockstep fuzz merge <the shard files> --out ${file}`;
  const problems = [
    ...(m.missing ?? []).map((t) => ({ what: `shard ${t} has no result file`, command: rerun })),
    ...(m.partial ?? []).map((p) => ({ what: `shard ${p.task} did not finish (partial file)`, command: rerun })),
    ...(m.problems ?? []).map((p) => ({ what: p, command: rerun })),
    ...(m.canary?.undetected_seeds ?? []).map((s) => ({ what: `canary seed ${s} planted a divergence nobody detected`, command: rerun })),
  ];
  const failures: CampaignFailure[] = m.signatures.map((s) => {
    const ex = s.exemplars?.[0];
    const regression = s.regressions?.[0];
    return {
      signature: s.signature, kind: s.kind, implementation: s.implementation, summary: ex?.summary ?? s.signature, count: s.count, status: s.status,
      repro: regression !== undefined ? `pnpm parity --fixture ${fixtureName(regression)}` : ex !== undefined ? `lockstep fuzz --task <task of ${ex.shard ?? 'its shard'}>  # scenario seed ${ex.seed ?? 0}` : rerun,
      name: ex?.source !== undefined ? `${ex.source}${ex.seed !== undefined ? ` seed ${ex.seed}` : ''}` : s.signature,
      ...(regression !== undefined ? { regression } : {}),
      ...(ex?.step !== undefined ? { step: ex.step } : {}),
      ...(s.facts?.pointer !== undefined ? { pointer: s.facts.pointer } : {}),
    };
  });
  return { name: `fuzz: ${file}`, runs: m.totals.runs, steps: m.totals.steps, elapsedMs: m.totals.elapsed_ms_max ?? 0, failures, coverage, problems, fixed: (m.fixed ?? []).map((f) => f.signature) };
}
