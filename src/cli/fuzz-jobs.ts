// The distributed forms of `lockstep fuzz` (src/fuzz/task-run.ts, shard-merge.ts): plan a job's
// tasks, run one task into a shard file, merge shard files, rebuild the shared corpus. Thin:
// argument parsing and file I/O here, the logic in src/fuzz/.
import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { canonicalize } from '../canonical/index.js';
import { buildCorpus } from '../fuzz/corpus-build.js';
import { FuzzTaskError, planTasks, readTask, type FuzzTask } from '../fuzz/fuzz-task.js';
import { readKnownSignatures } from '../fuzz/known-signatures.js';
import { mergedSummaryLines, mergedSummaryMarkdown } from '../fuzz/merge-summary.js';
import { CORPUS_DIR, readCorpusIndex } from '../fuzz/scenario-corpus.js';
import { readShardFile, ShardFileError } from '../fuzz/shard-file.js';
import { mergeFailed, mergeShards, mergedReportText, taskLabel } from '../fuzz/shard-merge.js';
import { runTask } from '../fuzz/task-run.js';
import { ensureRustKernel } from '../harness/rust-kernel-build.js';
import { UsageError, type CliContext } from './command.js';

export const FUZZ_JOBS_HELP = `distributed forms:
  lockstep fuzz plan --shards N [--target rust|ts-server|canary] [--level L] [--epoch E] [--runs R]
                     [--time-budget S] [--max-commands M] [--commit C] [--shard I]
      prints the job's tasks, one JSON line each (shard I only with --shard)
  lockstep fuzz --task <json | @file> [--out FILE] [--workers N] [--timeout-ms N]
      runs one task; writes its shard file (JSON lines: header, failures, coverage, footer)
  lockstep fuzz merge [FILE|DIR ...] [--out FILE] [--summary FILE] [--regressions DIR]
      merges shard files in any order into the same bytes; exit 1 on a failure, a partial or
      missing shard, or an undetected canary
  lockstep fuzz corpus [--seeds N] [--level L] [--max-commands M]
      rebuilds fixtures/fuzz-corpus from its entries plus N generated scenarios, pruned

a distributed run, by hand:
  lockstep fuzz plan --shards 1 --runs 200 --target canary --commit local > /tmp/tasks.jsonl
  lockstep fuzz --task "$(head -1 /tmp/tasks.jsonl)" --out /tmp/shard-1.jsonl
  lockstep fuzz merge /tmp/shard-1.jsonl`;

/** Flags with values, all forms alike: `--flag value`; positionals collected apart. */
function parseFlags(args: readonly string[], known: readonly string[]): { flags: Map<string, string>; positional: string[] } {
  const flags = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (!a.startsWith('--')) {
      positional.push(a);
      continue;
    }
    if (!known.includes(a)) throw new UsageError(`unknown argument ${a} (known here: ${known.join(', ')})`);
    const v = args[++i];
    if (v === undefined) throw new UsageError(`${a} needs a value`);
    flags.set(a, v);
  }
  return { flags, positional };
}

function int(flags: Map<string, string>, flag: string, fallback: number, min: number, max: number): number {
  const v = flags.get(flag);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`${flag} needs an integer in [${min}, ${max}], got ${v}`);
  return n;
}

function headCommit(cwd: string): string {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'local';
  }
}

function plan(args: readonly string[], ctx: CliContext, root: string): number {
  const { flags, positional } = parseFlags(args, ['--shards', '--target', '--level', '--epoch', '--runs', '--time-budget', '--max-commands', '--commit', '--shard']);
  if (positional.length > 0) throw new UsageError(`unexpected argument ${positional[0]}`);
  const target = flags.get('--target') ?? 'rust';
  if (!['rust', 'ts-server', 'canary'].includes(target)) throw new UsageError(`--target must be rust, ts-server or canary, got ${target}`);
  const level = flags.get('--level') ?? 'all';
  if (!['realistic', 'adversarial', 'invalid', 'all'].includes(level)) throw new UsageError(`--level must be realistic, adversarial, invalid or all, got ${level}`);
  const shards = int(flags, '--shards', 1, 1, 65536);
  const budget = flags.get('--time-budget');
  if (budget !== undefined && !(Number(budget) > 0 && Number(budget) <= 604800)) throw new UsageError(`--time-budget needs seconds in (0, 604800], got ${budget}`);
  const maxCommands = flags.has('--max-commands') ? int(flags, '--max-commands', 0, 1, 5000) : undefined;
  const tasks = planTasks({
    commit: flags.get('--commit') ?? headCommit(root),
    target: target as FuzzTask['target'],
    level: level as FuzzTask['level'],
    shards,
    epoch: int(flags, '--epoch', 0, 0, 2147483647),
    runs: int(flags, '--runs', 1000, 0, 1e9),
    ...(budget !== undefined ? { time_budget_s: Number(budget) } : {}),
    ...(maxCommands !== undefined ? { max_commands: maxCommands } : {}),
    corpus_hash: readCorpusIndex(join(root, CORPUS_DIR)).hash,
  });
  const only = flags.has('--shard') ? int(flags, '--shard', 1, 1, shards) : undefined;
  for (const t of tasks) if (only === undefined || t.shard.index === only) ctx.stdout.write(`${canonicalize(t)}\n`);
  return 0;
}

async function task(args: readonly string[], ctx: CliContext, root: string): Promise<number> {
  const { flags, positional } = parseFlags(args, ['--task', '--out', '--workers', '--timeout-ms']);
  if (positional.length > 0) throw new UsageError(`unexpected argument ${positional[0]}`);
  let t: FuzzTask;
  try {
    t = readTask(flags.get('--task')!);
  } catch (error) {
    if (error instanceof FuzzTaskError) throw new UsageError(error.message);
    throw error;
  }
  // A stale Rust binary would be fuzzed as if it were the commit the task names: rebuild it first.
  if (t.target !== 'ts-server') ensureRustKernel((line) => ctx.stderr.write(`${line}\n`));
  const label = taskLabel(t).replace(/[^\w.-]+/g, '_');
  const out = resolve(ctx.cwd, flags.get('--out') ?? join('reports/fuzz-shards', `${label}.jsonl`));
  mkdirSync(dirname(out), { recursive: true });
  const result = await runTask(t, {
    root,
    corpusDir: join(root, CORPUS_DIR),
    regressionsDir: join(root, 'fixtures/regressions'),
    out,
    timeoutMs: int(flags, '--timeout-ms', 10_000, 1, 3_600_000),
    workers: int(flags, '--workers', Math.max(1, availableParallelism() - 1), 0, 64),
  });
  ctx.stdout.write(`fuzz task ${taskLabel(t)}: ${result.runs} scenarios, ${result.failures} failing, ${(result.elapsedMs / 1000).toFixed(1)} s\nshard file: ${out}\n`);
  // A task's failures are data for the merge; it fails only when it found one not planted on purpose.
  const merged = mergeShards([readShardFile(out)], new Map());
  return merged.signatures.some((s) => s.status !== 'canary') || merged.canary.undetected_seeds.length > 0 ? 1 : 0;
}

function shardFilesOf(paths: readonly string[]): string[] {
  return paths.flatMap((p) => (statSync(p).isDirectory() ? readdirSync(p).filter((n) => n.endsWith('.jsonl')).sort().map((n) => join(p, n)) : [p]));
}

function merge(args: readonly string[], ctx: CliContext, root: string): number {
  const { flags, positional } = parseFlags(args, ['--out', '--summary', '--regressions']);
  const inputs = (positional.length > 0 ? positional : ['reports/fuzz-shards']).map((p) => resolve(ctx.cwd, p));
  let files: string[];
  try {
    files = shardFilesOf(inputs);
  } catch (error) {
    throw new UsageError(`cannot read ${inputs.join(', ')}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  if (files.length === 0) throw new UsageError(`no shard files (*.jsonl) in ${inputs.join(', ')}`);
  let shards;
  try {
    shards = files.map((f) => readShardFile(f));
  } catch (error) {
    if (error instanceof ShardFileError) throw new UsageError(error.message);
    throw error;
  }
  const report = mergeShards(shards, readKnownSignatures(resolve(ctx.cwd, flags.get('--regressions') ?? join(root, 'fixtures/regressions'))));
  const out = resolve(ctx.cwd, flags.get('--out') ?? 'reports/fuzz-merged.json');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, mergedReportText(report));
  const summary = flags.get('--summary');
  if (summary !== undefined) writeFileSync(resolve(ctx.cwd, summary), mergedSummaryMarkdown(report), { flag: 'a' });
  ctx.stdout.write(`${mergedSummaryLines(report).join('\n')}\nmerged report: ${out}\n`);
  return mergeFailed(report) ? 1 : 0;
}

function corpus(args: readonly string[], ctx: CliContext, root: string): number {
  const { flags, positional } = parseFlags(args, ['--seeds', '--level', '--max-commands']);
  if (positional.length > 0) throw new UsageError(`unexpected argument ${positional[0]}`);
  const level = flags.get('--level') ?? 'all';
  if (!['realistic', 'adversarial', 'invalid', 'all'].includes(level)) throw new UsageError(`--level must be realistic, adversarial, invalid or all, got ${level}`);
  const n = int(flags, '--seeds', 1000, 0, 1e6);
  const maxCommands = flags.has('--max-commands') ? int(flags, '--max-commands', 0, 1, 5000) : undefined;
  const r = buildCorpus(join(root, CORPUS_DIR), { seeds: Array.from({ length: n }, (_, i) => i), level: level as FuzzTask['level'], ...(maxCommands ? { generator: { maxCommands } } : {}) });
  ctx.stdout.write(`fuzz corpus: ${r.kept} of ${r.candidates} scenarios keep all ${r.features} features (matrix cells, codes); corpus ${r.hash}\n`);
  for (const x of r.refused) ctx.stdout.write(`left out (fails on the reference engine): ${x}\n`);
  return 0;
}

/**
 * Runs a distributed form when the arguments ask for one (`plan`, `merge`, `corpus`, or a
 * `--task`); undefined otherwise, so that the caller runs the classic fuzz loop.
 */
export async function fuzzJobForm(args: readonly string[], ctx: CliContext, root: string): Promise<number | undefined> {
  const [first, ...rest] = args;
  if (first === 'plan') return plan(rest, ctx, root);
  if (first === 'merge') return merge(rest, ctx, root);
  if (first === 'corpus') return corpus(rest, ctx, root);
  if (args.includes('--task')) return task(args, ctx, root);
  return undefined;
}
