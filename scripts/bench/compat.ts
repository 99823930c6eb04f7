/**
 * Bench section `compat`: wall time of the compatibility check on the whole contract set,
 * without sampling (the rules alone) and with it (1,000 instances per changed definition and
 * direction). Three baselines: the recorded release (identical, the common CI case), the first
 * commit (the real history) and a copy in which every schema root and $def gets a `$comment`
 * (documentation only: the rules walk everything, sampling is skipped as nothing validates
 * differently). Sampling every definition of the set (all validating text changed) took
 * about 190 s here before that skip: the cost grows with the number of changed definitions.
 */
import { execFileSync } from 'node:child_process';
import { loadBaseline } from '../../src/compat/baseline.js';
import { compareSets } from '../../src/compat/compare-sets.js';
import { loadContractDir, type ContractSet } from '../../src/compat/contract-set.js';
import { releaseBaselines } from '../../src/compat/baseline.js';
import type { BenchContext, BenchRow, BenchSection } from './kit/types.js';

/** A copy of `set` in which every root and $def carries a `$comment`: nothing validates differently, yet every text differs. */
function touched(set: ContractSet): ContractSet {
  const schemas = new Map<string, unknown>();
  for (const [file, schema] of set.schemas) {
    const copy = structuredClone(schema) as Record<string, unknown>;
    copy.$comment = 'touched';
    for (const def of Object.values((copy.$defs ?? {}) as Record<string, Record<string, unknown>>)) def.$comment = 'touched';
    schemas.set(file, copy);
  }
  return { label: 'every definition touched', schemas, data: set.data };
}

function wallMs(runs: number, fn: () => void): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
}

export async function run(ctx: BenchContext): Promise<BenchSection> {
  const runs = ctx.quick ? 1 : 3;
  const current = loadContractDir(ctx.root, 'current');
  const first = execFileSync('git', ['rev-list', '--max-parents=0', 'HEAD'], { cwd: ctx.root, encoding: 'utf8' }).trim().split('\n').pop()!;
  const baselines: [string, () => ContractSet][] = [
    ['recorded release', () => releaseBaselines(ctx.root, false)[0]!],
    ['first commit', () => loadBaseline(ctx.root, first)],
    ['every definition commented', () => touched(current)],
  ];
  const rows: BenchRow[] = [];
  for (const [name, load] of baselines) {
    for (const samples of [0, 1000]) {
      ctx.log(`compat: ${name}, ${samples === 0 ? 'no sampling' : 'sampling'}`);
      let units = 0;
      const ms = wallMs(runs, () => {
        const c = compareSets(load(), loadContractDir(ctx.root, 'current'), { samples, seed: 42, corpusRoot: ctx.root });
        units = c.contracts.filter((v) => v.sampled.backward > 0).length;
      });
      rows.push({ name: `${name}, ${samples === 0 ? 'rules only' : '1,000 samples'}`, value: Math.round(ms), unit: 'ms', note: samples === 0 ? 'target < 2000 ms' : `target < 10000 ms; ${units} contracts sampled` });
    }
  }
  return { title: `lockstep compat on the whole contract set (${current.schemas.size} schemas, ${current.data.size} data tables)`, rows };
}
