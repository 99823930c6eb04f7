/** The arguments of `lockstep mutants`, parsed and checked (a mistake names the flag and the value). */
import type { KernelName } from './mutant.js';

export interface MutantsArguments {
  kernels: KernelName[];
  shard: { index: number; count: number };
  budgetS: number;
  max: number | undefined;
  fuzzRuns: number;
  seed: number;
  report: string | undefined;
  list: boolean;
  merge: string[] | undefined;
  /** Only mutants whose id contains one of these texts (a re-run of chosen mutants). */
  match: string[];
}

export class MutantsUsageError extends Error {}

function intArg(flag: string, v: string | undefined, min: number, max: number): number {
  const n = Number(v);
  if (v === undefined || !Number.isInteger(n) || n < min || n > max) throw new MutantsUsageError(`${flag} needs an integer in [${min}, ${max}], got ${v ?? 'nothing'}`);
  return n;
}

export function parseMutantsArguments(argv: readonly string[]): MutantsArguments {
  const a: MutantsArguments = { kernels: ['ts', 'rust'], shard: { index: 1, count: 1 }, budgetS: 600, max: undefined, fuzzRuns: 40, seed: 1, report: undefined, list: false, merge: undefined, match: [] };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new MutantsUsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--kernel': {
        const v = value();
        if (v !== 'ts' && v !== 'rust' && v !== 'both') throw new MutantsUsageError(`--kernel must be ts, rust or both, got ${v}`);
        a.kernels = v === 'both' ? ['ts', 'rust'] : [v];
        break;
      }
      case '--shard': {
        const v = value();
        const m = /^(\d+)\/(\d+)$/.exec(v);
        const index = Number(m?.[1]);
        const count = Number(m?.[2]);
        if (m === null || count < 1 || index < 1 || index > count) throw new MutantsUsageError(`--shard must be I/N with 1 <= I <= N, got ${v}`);
        a.shard = { index, count };
        break;
      }
      case '--budget': a.budgetS = intArg(flag, value(), 1, 7 * 24 * 3600); break;
      case '--max': a.max = intArg(flag, value(), 0, 1e9); break;
      case '--fuzz-runs': a.fuzzRuns = intArg(flag, value(), 0, 1e6); break;
      case '--seed': a.seed = intArg(flag, value(), 0, 2 ** 31 - 1); break;
      case '--report': a.report = value(); break;
      case '--list': a.list = true; break;
      case '--match': a.match.push(value()); break;
      case '--merge': {
        // The report files, up to the next flag (so `--merge a.json b.json --report m.json` works).
        const end = argv.findIndex((x, k) => k > i && x.startsWith('--'));
        a.merge = argv.slice(i + 1, end === -1 ? argv.length : end);
        i = (end === -1 ? argv.length : end) - 1;
        break;
      }
      default:
        throw new MutantsUsageError(`unknown argument '${flag}'`);
    }
  }
  if (a.merge !== undefined && a.merge.length === 0) throw new MutantsUsageError('--merge needs report files');
  return a;
}
