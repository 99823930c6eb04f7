// `lockstep mutants`: a differential mutation score of both kernels (src/mutants/).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { listRustMutants } from '../mutants/rust-mutants.js';
import { listTsMutants } from '../mutants/ts-mutants.js';
import { mutantId, type KernelName, type Mutant } from '../mutants/mutant.js';
import { MutantsUsageError, parseMutantsArguments } from '../mutants/mutants-arguments.js';
import { againstCurrent, failedMutants, formatMutantsReport, mergeMutantsReports, type MutantsReport } from '../mutants/mutants-report.js';
import { loadEquivalentList } from '../mutants/equivalent-list.js';
import { runMutants, shardOf } from '../mutants/mutants-run.js';
import { REPO_ROOT } from '../harness/rust-kernel-build.js';
import { UsageError, type CliCommand, type CliContext } from './command.js';

const HELP = `usage: lockstep mutants [--kernel ts|rust|both] [--shard I/N] [--budget SECONDS] [--max N]
                        [--fuzz-runs N] [--seed N] [--report FILE] [--match TEXT]... [--list]
       lockstep mutants --merge REPORT.json ...   (later reports supersede earlier ones; judged against the code as it is now)

Plants single-point mutants in the kernels (TypeScript: operator, boolean and negation swaps
over src/kernel/; Rust: what cargo-mutants lists over rust-kernel/src/kernel/) and judges each
differentially: the parity corpus against its goldens, then --fuzz-runs generated scenarios
against the unmutated reference. Reports killed / survived / timed out / equivalent (argued in
mutants/equivalent.json) / unviable per kernel, the score, and every survivor by file and line.
Mutants past the --budget are reported as not run. Exit 1 when a mutant survives unlisted or a
listed one is killed (the equivalence ratchet); 2 on a usage mistake.

options:
  --kernel K      ts, rust or both (default both)
  --shard I/N     run every N-th mutant from the I-th (default 1/1)
  --budget S      stop starting mutants after S seconds (default 600)
  --max N         run at most N mutants of this shard
  --fuzz-runs N   scenarios of the fuzz leg (default 40; 0: corpus only)
  --report FILE   write the JSON report (one kernel: FILE; both: FILE with -ts/-rust before .json)
  --match TEXT    only the mutants whose id contains TEXT (repeatable); skips the stale-entry check
  --list          print the mutants of this shard and exit

examples:
  lockstep mutants --kernel ts --list --max 3
  lockstep mutants --kernel ts --max 2 --fuzz-runs 0 --budget 120
  lockstep mutants --kernel rust --match snapshot.rs --report reports/mutants-rust-snapshot.json
  lockstep mutants --kernel rust --shard 2/8 --budget 3600 --report reports/mutants-rust-2.json`;

function listOf(kernel: KernelName, repoRoot: string): Mutant[] {
  return kernel === 'ts' ? listTsMutants(repoRoot) : listRustMutants(repoRoot);
}

function reportPath(path: string, kernel: KernelName, both: boolean): string {
  return both ? path.replace(/(\.json)?$/, `-${kernel}.json`) : path;
}

async function run(args: readonly string[], ctx: CliContext): Promise<number> {
  const a = parseMutantsArguments(args);
  const repoRoot = REPO_ROOT;
  if (a.merge !== undefined) {
    const reports = mergeMutantsReports(a.merge.map((f) => JSON.parse(readFileSync(resolve(ctx.cwd, f), 'utf8')) as MutantsReport));
    const equivalent = new Map(loadEquivalentList(join(repoRoot, 'mutants/equivalent.json')).map((e) => [e.id, e.reason]));
    const { report: merged, dropped } = againstCurrent(reports, listOf(reports.kernel, repoRoot).map(mutantId), equivalent);
    if (dropped > 0) ctx.stderr.write(`mutants --merge: ${dropped} result(s) of mutants the code no longer has were dropped\n`);
    ctx.stdout.write(`${formatMutantsReport(merged)}\n`);
    if (a.report !== undefined) writeFileSync(resolve(ctx.cwd, a.report), `${JSON.stringify(merged, null, 2)}\n`);
    return failedMutants(merged) ? 1 : 0;
  }
  let failed = false;
  for (const kernel of a.kernels) {
    const mutants = listOf(kernel, repoRoot);
    if (a.list) {
      const chosen = a.match.length === 0 ? mutants : mutants.filter((m) => a.match.some((t) => mutantId(m).includes(t)));
      for (const m of shardOf(chosen, a.shard).slice(0, a.max ?? Infinity)) ctx.stdout.write(`${mutantId(m)}  (${m.description})\n`);
      continue;
    }
    const report = await runMutants({
      kernel, mutants, shard: a.shard, budgetMs: a.budgetS * 1000, ...(a.max !== undefined ? { max: a.max } : {}), match: a.match,
      repoRoot, fixturesRoot: join(repoRoot, 'fixtures'), fuzzRuns: a.fuzzRuns, fuzzSeed: a.seed, timeoutMs: 10_000, stepTimeoutMs: 300_000, buildTimeoutMs: 1_800_000,
      equivalentPath: join(repoRoot, 'mutants/equivalent.json'), scratchRoot: join(tmpdir(), 'lockstep-mutants'),
      onResult: (r, done, of) => ctx.stderr.write(`mutants ${kernel}: ${done}/${of} ${r.status} ${r.file}:${r.line} ${r.description} (${r.ms} ms)\n`),
    });
    ctx.stdout.write(`${formatMutantsReport(report)}\n`);
    if (a.report !== undefined) {
      const path = resolve(ctx.cwd, reportPath(a.report, kernel, a.kernels.length > 1));
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, `${JSON.stringify(report, null, 2)}\n`);
    }
    failed ||= failedMutants(report);
  }
  return failed ? 1 : 0;
}

export const mutantsCommand: CliCommand = {
  name: 'mutants',
  help: HELP,
  async run(args, ctx) {
    try {
      return await run(args, ctx);
    } catch (error) {
      if (error instanceof MutantsUsageError) throw new UsageError(error.message);
      throw error;
    }
  },
};
