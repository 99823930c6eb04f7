/**
 * A mutation run of one kernel: list its mutants, keep this shard's (every count-th, from
 * index - 1), check that the judge passes the unmutated kernel, then plant, judge and restore
 * one mutant at a time until the time budget is spent. Mutants not reached are reported as not
 * run, never as killed.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadEquivalentList } from './equivalent-list.js';
import { judgeMutant, type JudgeOptions } from './mutant-judge.js';
import { mutantId, type KernelName, type Mutant, type MutantResult } from './mutant.js';
import type { MutantsReport } from './mutants-report.js';
import { makeScratchCopy } from './scratch-copy.js';

export interface MutantsOptions extends JudgeOptions {
  readonly kernel: KernelName;
  readonly mutants: readonly Mutant[];
  readonly shard: { readonly index: number; readonly count: number };
  readonly budgetMs: number;
  /** Most mutants to run in this shard (default: all). */
  readonly max?: number;
  /** Only mutants whose id contains one of these texts; a partial run skips the stale-entry check. */
  readonly match?: readonly string[];
  readonly equivalentPath: string;
  readonly scratchRoot: string;
  readonly onResult?: (r: MutantResult, done: number, of: number) => void;
}

export function shardOf<T>(items: readonly T[], shard: { index: number; count: number }): T[] {
  return items.filter((_, i) => i % shard.count === shard.index - 1);
}

export async function runMutants(o: MutantsOptions): Promise<MutantsReport> {
  const started = performance.now();
  const equivalent = new Map(loadEquivalentList(o.equivalentPath).map((e) => [e.id, e.reason]));
  const match = o.match ?? [];
  const chosen = match.length === 0 ? o.mutants : o.mutants.filter((m) => match.some((t) => mutantId(m).includes(t)));
  const mine = shardOf(chosen, o.shard).slice(0, o.max ?? Infinity);
  const dir = join(o.scratchRoot, `${o.kernel}-${o.shard.index}-of-${o.shard.count}`);
  mkdirSync(dir, { recursive: true });
  const copy = makeScratchCopy(o.repoRoot, dir, o.kernel);
  const original = await judgeMutant(o.kernel, copy, o);
  if (original.status !== 'survived') throw new Error(`the judge does not pass the unmutated ${o.kernel} kernel (${original.status}: ${original.by ?? ''}); fix that first`);
  const results: MutantResult[] = [];
  const ratchet: string[] = [];
  for (const m of mine) {
    if (performance.now() - started > o.budgetMs) break;
    const t = performance.now();
    const id = mutantId(m);
    const restore = copy.plant(m);
    let judged;
    try {
      judged = await judgeMutant(o.kernel, copy, o);
    } finally {
      restore();
    }
    const listed = equivalent.get(id);
    if (listed !== undefined && judged.status === 'killed') ratchet.push(`${id} is listed as equivalent but was killed (${judged.by ?? ''})`);
    const status = listed !== undefined && judged.status === 'survived' ? 'equivalent' : judged.status;
    const by = status === 'equivalent' ? listed : judged.by;
    const result: MutantResult = { id, kernel: o.kernel, file: m.file, line: m.line, description: m.description, status, ...(by !== undefined ? { by } : {}), ms: Math.round(performance.now() - t) };
    results.push(result);
    o.onResult?.(result, results.length, mine.length);
  }
  // An entry that names no mutant of this kernel is stale (the code moved): it fails too.
  const ids = new Set(o.mutants.map(mutantId));
  if (o.shard.index === 1 && match.length === 0) for (const id of equivalent.keys()) if (id.startsWith(`${o.kernel}:`) && !ids.has(id)) ratchet.push(`${id} is listed as equivalent but no such mutant exists`);
  return { report_version: 1, kernel: o.kernel, shard: o.shard, listed: o.mutants.length, in_shard: mine.length, results, ratchet, elapsed_ms: Math.round(performance.now() - started) };
}
