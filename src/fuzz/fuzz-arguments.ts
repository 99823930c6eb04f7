// Options of `lockstep fuzz` (README, docs/fuzz): parsed into one record; a mistake is a UsageError.
import { randomInt } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { UsageError } from '../cli/command.js';
import { OUTPUT_FORMATS, parseOutputFormat, type OutputFormat } from '../report-formats/index.js';
import type { LevelChoice } from './scenario-arbitrary.js';

export interface FuzzArguments {
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
  /** What stdout gets: text (progress and summary) or a machine format (the rest goes to stderr). */
  format: OutputFormat;
}

export const FUZZ_USAGE = `usage: lockstep fuzz [--seed N] [--runs N] [--time-budget SECONDS] [--level realistic|adversarial|invalid|all]
                     [--shard I/N] [--impl "<command>" ...] [--regressions DIR] [--timeout-ms N]
                     [--max-commands N] [--workers N] [--report FILE] [--format text|junit|github|jsonl]
       lockstep fuzz --merge [REPORT.json ...]     (default: reports/fuzz-shard-*.json)`;

function intArg(flag: string, v: string | undefined, min: number, max: number): number {
  const n = Number(v);
  if (v === undefined || !Number.isInteger(n) || n < min || n > max) throw new UsageError(`${flag} needs an integer in [${min}, ${max}], got ${v ?? 'nothing'}`);
  return n;
}

/** `root` is the folder of the default regressions directory (fixtures/regressions). */
export function parseFuzzArguments(argv: readonly string[], root: string): FuzzArguments {
  const a: FuzzArguments = { seed: 0, seedGiven: false, runs: 1000, timeBudgetS: undefined, level: 'all', shard: undefined, impls: [], regressions: join(root, 'fixtures/regressions'), timeoutMs: 10_000, maxCommands: undefined, workers: Math.max(1, availableParallelism() - 1), report: undefined, merge: undefined, format: 'text' };
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
      case '--format': {
        const v = value();
        const f = parseOutputFormat(v);
        if (f === undefined) throw new UsageError(`--format must be one of ${OUTPUT_FORMATS.join(', ')}, got ${v}`);
        a.format = f;
        break;
      }
      case '--': break;
      default: throw new UsageError(`unknown argument ${flag}`);
    }
  }
  if (!a.seedGiven) a.seed = randomInt(0, 2 ** 31 - 1);
  return a;
}
