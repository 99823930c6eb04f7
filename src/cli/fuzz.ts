// `lockstep fuzz`: generated scenarios through the reference engine and the Rust kernel (or the
// implementations named with --impl), canonical outputs diffed, invariants checked after every
// step; a failure is shrunk, written to fixtures/regressions/, and printed with a one-line repro.
import { join } from 'node:path';
import { implementationFromArgument } from '../harness/builtin-implementations.js';
import { REPO_ROOT } from '../harness/rust-kernel-build.js';
import { parseFuzzArguments, FUZZ_USAGE } from '../fuzz/fuzz-arguments.js';
import type { FuzzTarget } from '../fuzz/fuzz-engine.js';
import { progressRenderer } from '../fuzz/fuzz-progress.js';
import { fuzzChecks } from '../fuzz/fuzz-checks.js';
import { failed, formatReport, mergeReports, type FuzzReport } from '../fuzz/fuzz-report.js';
import { renderResults, type OutputFormat } from '../report-formats/index.js';
import { readShardReports, writeReport } from '../fuzz/fuzz-report-files.js';
import { runFuzz } from '../fuzz/fuzz-run.js';
import { UsageError, type CliCommand, type CliContext } from './command.js';
import { FUZZ_JOBS_HELP, fuzzJobForm } from './fuzz-jobs.js';

const HELP = `${FUZZ_USAGE}

Runs generated scenarios through the reference engine and the Rust kernel (or the
implementations named with --impl), diffs the canonical outputs and checks the invariants after
every step. A failure is shrunk, written to fixtures/regressions/ and printed with a one-line
repro. Exit 0 when everything agreed, 1 on any failure, 2 on bad arguments.

--impl replaces the default target (the Rust kernel); repeat it for several. \`rust\` and
\`ts-server\` name the builtin implementations; anything else runs as a shell command.

${FUZZ_JOBS_HELP}

examples:
  lockstep fuzz --seed 7 --runs 200
  lockstep fuzz --time-budget 60 --level adversarial
  lockstep fuzz --shard 1/4 --runs 4000
  lockstep fuzz --seed 7 --runs 100 --format junit > fuzz.xml
  lockstep fuzz --merge`;

function targetsFor(impls: readonly string[]): FuzzTarget[] {
  const names = impls.length > 0 ? impls : ['rust'];
  return names.map((n) => {
    const impl = implementationFromArgument(n);
    if (impl.kind !== 'process') throw new UsageError(`--impl ${n}: the in-process reference is always run; name a command`);
    const problem = impl.prepare?.(REPO_ROOT);
    if (problem !== undefined) throw new Error(problem);
    return { name: impl.name, command: impl.command };
  });
}

const quote = (s: string) => (/^[\w./:-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

/** The summary: as text on stdout, or (a machine format) the format on stdout and the text on stderr. */
function printSummary(report: FuzzReport, text: string, format: OutputFormat, ctx: CliContext): void {
  if (format === 'text') {
    ctx.stdout.write(`${text}\n`);
    return;
  }
  ctx.stderr.write(`${text}\n`);
  ctx.stdout.write(`${renderResults(format, 'lockstep fuzz', fuzzChecks(report))}\n`);
}

function merge(files: readonly string[], report: string | undefined, format: OutputFormat, ctx: CliContext): number {
  const merged = mergeReports(readShardReports(files, REPO_ROOT));
  const out = report ?? join(REPO_ROOT, 'reports/fuzz-merged.json');
  writeReport(out, merged);
  printSummary(merged, `${formatReport(merged)}\nmerged report: ${out}`, format, ctx);
  return failed(merged) ? 1 : 0;
}

export const fuzzCommand: CliCommand = {
  name: 'fuzz',
  help: HELP,
  async run(argv, ctx) {
    const form = await fuzzJobForm(argv, ctx, REPO_ROOT);
    if (form !== undefined) return form;
    const args = parseFuzzArguments(argv, REPO_ROOT);
    if (args.merge !== undefined) return merge(args.merge, args.report, args.format, ctx);
    // With a machine format, stdout carries only that format; progress goes to stderr.
    const human = args.format === 'text' ? ctx.stdout : ctx.stderr;
    const log = (line: string) => human.write(`${line}\n`);
    const tty = (ctx.stderr as { isTTY?: boolean }).isTTY === true && ctx.env['CI'] !== 'true';
    const shard = args.shard ?? { index: 1, count: 1 };
    log(`fuzz: seed ${args.seed}${args.seedGiven ? '' : ' (random)'}, level ${args.level}, ${args.runs} runs${args.timeBudgetS ? `, time budget ${args.timeBudgetS} s` : ''}${args.shard ? `, shard ${shard.index}/${shard.count}` : ''}`);
    const targets = targetsFor(args.impls);
    const implFlags = args.impls.map((i) => ` --impl ${quote(i)}`).join('');
    const report = await runFuzz({
      seed: args.seed,
      runs: args.runs,
      ...(args.timeBudgetS !== undefined ? { timeBudgetMs: args.timeBudgetS * 1000 } : {}),
      shard: { index: shard.index - 1, count: shard.count },
      level: args.level,
      targets,
      cwd: REPO_ROOT,
      timeoutMs: args.timeoutMs,
      regressionsDir: args.regressions,
      workers: args.workers,
      ...(args.maxCommands !== undefined ? { generator: { maxCommands: args.maxCommands } } : {}),
      reproCommand: (seed, level) => `pnpm fuzz --seed ${seed} --runs 1 --level ${level}${args.maxCommands !== undefined ? ` --max-commands ${args.maxCommands}` : ''}${implFlags}`,
      onProgress: progressRenderer(tty, human, ctx.stderr),
      onLine: (line) => human.write(`${tty ? '\n' : ''}${line}\n`),
    });
    if (tty) ctx.stderr.write('\n');
    const out = args.report ?? (args.shard ? join(REPO_ROOT, `reports/fuzz-shard-${shard.index}-of-${shard.count}.json`) : undefined);
    if (out !== undefined) writeReport(out, { ...report, shard });
    printSummary({ ...report, shard }, `${formatReport({ ...report, shard })}${out !== undefined ? `\nreport: ${out}` : ''}`, args.format, ctx);
    return failed(report) ? 1 : 0;
  },
};
