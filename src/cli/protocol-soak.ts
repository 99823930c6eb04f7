// `lockstep protocol-soak`: the no-crash property at length (a checkout only): hostile sessions
// through the TypeScript server and the Rust kernel as real processes. Logic in src/fuzz/.
import { REPO_ROOT, RUST_KERNEL_BIN } from '../harness/rust-kernel-build.js';
import { soakProtocol, type ServerCommand } from '../fuzz/protocol-soak.js';
import { UsageError, type CliCommand } from './command.js';

const HELP = `usage: lockstep protocol-soak [--sessions N] [--seed N] [--per-process N] [--time-budget SECONDS] [--ts-only]

Feeds hostile sessions (astral characters, lone surrogates, lengths around every truncation
bound, invalid UTF-8, syntax errors, in every field of every op) to \`lockstep kernel\` and the
Rust kernel (pnpm rust:build first), --per-process sessions per process. Every line must get
exactly one canonical answer, both processes must exit 0, and both must agree (errors and
hellos on the fields parity compares, everything else byte for byte). Exit 1 on the first
failing batch, naming its seed.

defaults: --sessions 200000 --seed 1 --per-process 5000 --time-budget 3600

example:
  lockstep protocol-soak --sessions 400 --per-process 200 --time-budget 60`;

function intArg(flag: string, v: string | undefined, min: number): number {
  const n = Number(v);
  if (v === undefined || !Number.isSafeInteger(n) || n < min) throw new UsageError(`${flag} needs an integer >= ${min}, got ${v ?? 'nothing'}`);
  return n;
}

export const protocolSoakCommand: CliCommand = {
  name: 'protocol-soak',
  help: HELP,
  async run(args, ctx) {
    let sessions = 200_000;
    let seed = 1;
    let perProcess = 5000;
    let budgetS = 3600;
    let tsOnly = false;
    for (let i = 0; i < args.length; i++) {
      const flag = args[i];
      if (flag === '--sessions') sessions = intArg(flag, args[++i], 1);
      else if (flag === '--seed') seed = intArg(flag, args[++i], 0);
      else if (flag === '--per-process') perProcess = intArg(flag, args[++i], 1);
      else if (flag === '--time-budget') budgetS = intArg(flag, args[++i], 1);
      else if (flag === '--ts-only') tsOnly = true;
      else throw new UsageError(`unknown option '${flag}'`);
    }
    const reference: ServerCommand = { name: 'typescript', command: process.execPath, args: ['--import', 'tsx', 'src/cli/main.ts', 'kernel'], cwd: REPO_ROOT };
    const other: ServerCommand | undefined = tsOnly ? undefined : { name: 'rust', command: RUST_KERNEL_BIN, args: [] };
    const report = await soakProtocol(
      { seed, sessions, sessionsPerProcess: perProcess, timeBudgetMs: budgetS * 1000, reference, ...(other === undefined ? {} : { other }) },
      (r) => ctx.stderr.write(`protocol-soak: ${r.sessions} sessions, ${r.lines} lines, ${(r.elapsedMs / 1000).toFixed(1)} s\n`),
    );
    for (const failure of report.failures) ctx.stdout.write(`${failure}\n`);
    const rate = report.elapsedMs > 0 ? Math.round((report.sessions * 1000) / report.elapsedMs) : 0;
    ctx.stdout.write(
      `protocol-soak: ${report.sessions} sessions (${report.lines} lines) in ${report.batches} batches, ${(report.elapsedMs / 1000).toFixed(1)} s (${rate} sessions/s), seed ${seed}: ${report.failures.length === 0 ? 'no failure' : `${report.failures.length} failures`}\n`,
    );
    return report.failures.length === 0 ? 0 : 1;
  },
};
