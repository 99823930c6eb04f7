/**
 * pnpm fuzz: generated scenarios through the reference engine and the Rust kernel (or the
 * implementations named with --impl), canonical outputs diffed, invariants checked after
 * every step; a failure is shrunk, written to fixtures/regressions/, and printed with a
 * one-line repro. Exit 0 when everything agreed, 1 on any failure, 2 on bad arguments.
 *
 *   pnpm fuzz [--seed N] [--runs N] [--time-budget SECONDS] [--level realistic|adversarial|invalid|all]
 *             [--shard I/N] [--impl "<command>" ...] [--regressions DIR] [--timeout-ms N]
 *             [--max-commands N] [--workers N] [--report FILE]
 *   pnpm fuzz --merge [REPORT.json ...]     (default: reports/fuzz-shard-*.json)
 *   pnpm fuzz plan | --task | merge | corpus    (distributed forms: src/cli/fuzz-jobs.ts)
 *
 * --impl replaces the default target (the Rust kernel); repeat it for several. `rust` and
 * `ts-server` name the builtin implementations; anything else runs as a shell command.
 */
import { randomInt } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { implementationFromArgument } from '../src/harness/builtin-implementations.js';
import type { FuzzTarget } from '../src/fuzz/fuzz-engine.js';
import { failed, formatReport, mergeReports, type FuzzReport } from '../src/fuzz/fuzz-report.js';
import { runFuzz } from '../src/fuzz/fuzz-run.js';
import { fuzzJobForm } from '../src/cli/fuzz-jobs.js';
import type { LevelChoice } from '../src/fuzz/scenario-arbitrary.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

class UsageError extends Error {}

interface Args {
  seed: number;
  seedGiven: boolean;
  runs: number;
  timeBudgetS: number | undefined;
  level: LevelChoice;
  shard: { index: number; count: number } | undefined;
  impls: string[];
  regressions: string;
  timeoutMs: number;
  maxCommands: number | undefined;
  /** Worker threads for generation and the reference leg (default: one per core beyond the first). */
  workers: number;
  report: string | undefined;
  merge: string[] | undefined;
}

function intArg(flag: string, v: string | undefined, min: number, max: number): number {
  const n = Number(v);
  if (v === undefined || !Number.isInteger(n) || n < min || n > max) throw new UsageError(`${flag} needs an integer in [${min}, ${max}], got ${v ?? 'nothing'}`);
  return n;
}

export function parseArgs(argv: readonly string[]): Args {
  const a: Args = { seed: 0, seedGiven: false, runs: 1000, timeBudgetS: undefined, level: 'all', shard: undefined, impls: [], regressions: join(repoRoot, 'fixtures/regressions'), timeoutMs: 10_000, maxCommands: undefined, workers: Math.max(1, availableParallelism() - 1), report: undefined, merge: undefined };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--seed': a.seed = intArg(flag, value(), 0, 2 ** 31 - 1); a.seedGiven = true; break;
      case '--runs': a.runs = intArg(flag, value(), 0, 1e9); break;
      case '--time-budget': {
        const v = value();
        const s = Number(v);
        if (!(s > 0 && Number.isFinite(s))) throw new UsageError(`--time-budget needs seconds > 0, got ${v}`);
        a.timeBudgetS = s;
        break;
      }
      case '--level': {
        const v = value();
        if (!['realistic', 'adversarial', 'invalid', 'all'].includes(v)) throw new UsageError(`--level must be realistic, adversarial, invalid or all, got ${v}`);
        a.level = v as LevelChoice;
        break;
      }
      case '--shard': {
        const v = value();
        const m = /^(\d+)\/(\d+)$/.exec(v);
        const index = Number(m?.[1]), count = Number(m?.[2]);
        if (!m || count < 1 || index < 1 || index > count) throw new UsageError(`--shard needs I/N with 1 <= I <= N, got ${v}`);
        a.shard = { index, count };
        break;
      }
      case '--impl': a.impls.push(value()); break;
      case '--regressions': a.regressions = resolve(value()); break;
      case '--timeout-ms': a.timeoutMs = intArg(flag, value(), 1, 3_600_000); break;
      case '--max-commands': a.maxCommands = intArg(flag, value(), 1, 5000); break;
      case '--workers': a.workers = intArg(flag, value(), 0, 64); break;
      case '--report': a.report = resolve(value()); break;
      case '--merge': a.merge = []; while (argv[i + 1] !== undefined && !argv[i + 1]!.startsWith('--')) a.merge.push(resolve(argv[++i]!)); break;
      case '--': break;
      default: throw new UsageError(`unknown argument ${flag}`);
    }
  }
  if (!a.seedGiven) a.seed = randomInt(0, 2 ** 31 - 1);
  return a;
}

function targetsFor(impls: readonly string[]): FuzzTarget[] {
  const names = impls.length > 0 ? impls : ['rust'];
  return names.map((n) => {
    const impl = implementationFromArgument(n);
    if (impl.kind !== 'process') throw new UsageError(`--impl ${n}: the in-process reference is always run; name a command`);
    const problem = impl.prepare?.(repoRoot);
    if (problem !== undefined) throw new Error(problem);
    return { name: impl.name, command: impl.command };
  });
}

const quote = (s: string) => (/^[\w./:-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

function progressRenderer(tty: boolean) {
  let lastLine = 0;
  return (p: { scenarios: number; runs: number; elapsedMs: number; failures: number }) => {
    const secs = p.elapsedMs / 1000;
    const rate = secs > 0 ? p.scenarios / secs : 0;
    if (tty) {
      const width = 30;
      const filled = p.runs > 0 ? Math.round((p.scenarios / p.runs) * width) : 0;
      process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${p.scenarios}/${p.runs} scenarios ${secs.toFixed(1)}s ${rate.toFixed(0)}/s ${p.failures} failure(s)`);
    } else if (p.elapsedMs - lastLine >= 10_000) {
      lastLine = p.elapsedMs;
      process.stdout.write(`fuzz: ${p.scenarios}/${p.runs} scenarios, ${secs.toFixed(0)} s, ${rate.toFixed(0)}/s, ${p.failures} failure(s)\n`);
    }
  };
}

function shardReports(files: readonly string[]): FuzzReport[] {
  const dir = join(repoRoot, 'reports');
  const paths = files.length > 0 ? files : readdirSync(dir).filter((f) => /^fuzz-shard-\d+-of-\d+\.json$/.test(f)).sort().map((f) => join(dir, f));
  return paths.map((p) => JSON.parse(readFileSync(p, 'utf8')) as FuzzReport);
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2).filter((a, i) => !(i === 0 && a === '--'));
  const form = await fuzzJobForm(argv, { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() }, repoRoot);
  if (form !== undefined) return form;
  const args = parseArgs(process.argv.slice(2));
  if (args.merge !== undefined) {
    const merged = mergeReports(shardReports(args.merge));
    const out = args.report ?? join(repoRoot, 'reports/fuzz-merged.json');
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, `${JSON.stringify(merged, null, 2)}\n`);
    console.log(formatReport(merged));
    console.log(`merged report: ${out}`);
    return failed(merged) ? 1 : 0;
  }
  const tty = process.stderr.isTTY === true && process.env.CI !== 'true';
  const shard = args.shard ?? { index: 1, count: 1 };
  console.log(`fuzz: seed ${args.seed}${args.seedGiven ? '' : ' (random)'}, level ${args.level}, ${args.runs} runs${args.timeBudgetS ? `, time budget ${args.timeBudgetS} s` : ''}${args.shard ? `, shard ${shard.index}/${shard.count}` : ''}`);
  const targets = targetsFor(args.impls);
  const implFlags = args.impls.map((i) => ` --impl ${quote(i)}`).join('');
  const report = await runFuzz({
    seed: args.seed,
    runs: args.runs,
    ...(args.timeBudgetS !== undefined ? { timeBudgetMs: args.timeBudgetS * 1000 } : {}),
    shard: { index: shard.index - 1, count: shard.count },
    level: args.level,
    targets,
    cwd: repoRoot,
    timeoutMs: args.timeoutMs,
    regressionsDir: args.regressions,
    workers: args.workers,
    ...(args.maxCommands !== undefined ? { generator: { maxCommands: args.maxCommands } } : {}),
    reproCommand: (seed, level) => `pnpm fuzz --seed ${seed} --runs 1 --level ${level}${args.maxCommands !== undefined ? ` --max-commands ${args.maxCommands}` : ''}${implFlags}`,
    onProgress: progressRenderer(tty),
    onLine: (line) => process.stdout.write(`${tty ? '\n' : ''}${line}\n`),
  });
  if (tty) process.stderr.write('\n');
  const out = args.report ?? (args.shard ? join(repoRoot, `reports/fuzz-shard-${shard.index}-of-${shard.count}.json`) : undefined);
  console.log(formatReport({ ...report, shard }));
  if (out !== undefined) {
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, `${JSON.stringify({ ...report, shard }, null, 2)}\n`);
    console.log(`report: ${out}`);
  }
  return failed(report) ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError || (error instanceof Error && error.name === 'UsageError')) {
      console.error(`fuzz: ${error.message}`);
      process.exit(2);
    }
    console.error(`fuzz: ${(error as Error).stack ?? String(error)}`);
    process.exit(1);
  },
);
