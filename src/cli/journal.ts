// `lockstep journal verify|compare|export|replay|show|gate|goldens`: thin over src/journal/.
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { builtinImplementations, implementationFromArgument, referenceImplementation, rustImplementation } from '../harness/builtin-implementations.js';
import type { Implementation } from '../harness/implementation.js';
import { integerFlag, parseJournalArguments } from '../journal/journal-arguments.js';
import { compareJournals, compareJson, describeComparison } from '../journal/journal-compare.js';
import { describeDecision } from '../journal/journal-decision.js';
import { exportJson, exportRange, ExportRangeError } from '../journal/journal-export.js';
import { GOLDEN_DIR, writeGoldenJournals } from '../journal/golden-journals.js';
import { JournalReadError } from '../journal/journal-records.js';
import { replayJournal } from '../journal/journal-replay.js';
import { scanJournal } from '../journal/journal-scan.js';
import { showJournal } from '../journal/journal-show.js';
import { runReplayGate } from '../journal/replay-gate.js';
import { VECTOR_DIR, writeVectorFiles } from '../journal/vector-files.js';
import { killSoak } from '../journal/kill-soak.js';
import { RUST_BINARY } from '../harness/implementation.js';
import { tmpdir } from 'node:os';
import { canonicalize } from '../canonical/index.js';
import { UsageError, type CliCommand, type CliContext } from './command.js';

const HELP = `usage: lockstep journal <verify|compare|export|replay|show|gate|kill-soak|goldens|vectors> ...

Journals are written by \`lockstep kernel --journal FILE\` and \`lockstep-kernel --journal FILE\`
(format: docs/journal.md).

  verify FILE... [--quick] [--json]   decide each journal's case: clean, sealed, empty (exit 0),
                                      torn_tail or damaged (exit 1, naming record, byte and reason).
                                      Full by default (every link and tree head); --quick checks
                                      the header, the last checkpoint and what follows it
  compare A B [--json]                identical (exit 0), or the first differing record (exit 1),
                                      found by bisecting over checkpoints, with its JSON path;
                                      --json follows schemas/journal_compare.schema.json
  export FILE --from I --to J [--out F]  records I..J with RFC 6962 inclusion proofs against the
                                      checkpoint or seal that covers them
  replay FILE... --impl NAME|CMD      send the recorded requests again, compare every answer
                                      (NAME: ${builtinImplementations.map((i) => i.name).join(', ')}; else a command)
  show FILE [--trace ID]              a timeline; --trace follows one intent, trade or order
  gate [--impl NAME|CMD]...           the replay regression gate over ${GOLDEN_DIR}/ (default:
                                      ts-in-process and rust), with ${GOLDEN_DIR}/accepted.json
  kill-soak [--kills N] [--seed S] [--kernel rust|ts] [--delay-max-ms MS]
                                      SIGKILL a journaling kernel under load N times (default
                                      1000, rust) on one journal; every answer received must be
                                      recorded, only a torn tail may be lost (exit 1 otherwise)
  goldens                             rewrite the golden journals from the corpus (a checkout only)
  vectors                             rewrite ${VECTOR_DIR}/ (the decision table's rows, for both verifiers)

examples:
  lockstep journal verify fixtures/journals/corpus-entry.journal
  lockstep journal compare fixtures/journals/corpus-entry.journal fixtures/journals/corpus-entry.journal
  lockstep journal show fixtures/journals/corpus-stories.journal --trace T1
  lockstep journal replay fixtures/journals/corpus-entry.journal --impl ts-in-process`;

const usage = (m: string): Error => new UsageError(m);

function prepared(impl: Implementation, cwd: string): Implementation {
  if (impl.kind === 'process' && impl.prepare !== undefined) {
    const problem = impl.prepare(cwd);
    if (problem !== undefined) throw new Error(problem);
  }
  return impl;
}

function verify(args: readonly string[], ctx: CliContext): number {
  const a = parseJournalArguments(args, [], ['--quick', '--json'], usage);
  if (a.files.length === 0) throw usage('verify needs at least one FILE');
  let code = 0;
  for (const file of a.files) {
    const d = scanJournal(resolve(ctx.cwd, file), a.flags.has('--quick') ? 'quick' : 'full').decision;
    if (d.case === 'torn_tail' || d.case === 'damaged') code = 1;
    ctx.stdout.write(`${a.flags.has('--json') ? canonicalize({ file, ...d }) : describeDecision(file, d)}\n`);
  }
  return code;
}

function compare(args: readonly string[], ctx: CliContext): number {
  const a = parseJournalArguments(args, [], ['--json'], usage);
  if (a.files.length !== 2) throw usage('compare needs two files');
  const r = compareJournals(resolve(ctx.cwd, a.files[0] as string), resolve(ctx.cwd, a.files[1] as string));
  const shown = { ...r, a: { ...r.a, file: a.files[0] as string }, b: { ...r.b, file: a.files[1] as string } };
  ctx.stdout.write(`${a.flags.has('--json') ? compareJson(shown) : describeComparison(shown)}\n`);
  return r.identical ? 0 : 1;
}

function exportCommand(args: readonly string[], ctx: CliContext): number {
  const a = parseJournalArguments(args, ['--from', '--to', '--out'], [], usage);
  if (a.files.length !== 1) throw usage('export needs one FILE');
  const from = integerFlag(a, '--from', usage) ?? 1;
  const to = integerFlag(a, '--to', usage) ?? from;
  const text = `${exportJson(exportRange(resolve(ctx.cwd, a.files[0] as string), from, to, a.files[0] as string))}\n`;
  const out = a.flags.get('--out')?.[0];
  if (out === undefined) ctx.stdout.write(text);
  else writeFileSync(resolve(ctx.cwd, out), text);
  return 0;
}

function replay(args: readonly string[], ctx: CliContext): number {
  const a = parseJournalArguments(args, ['--impl'], [], usage);
  const names = a.flags.get('--impl') ?? [];
  if (a.files.length === 0 || names.length === 0) throw usage('replay needs FILE... and --impl');
  let code = 0;
  for (const name of names) {
    const impl = prepared(implementationFromArgument(name), ctx.cwd);
    for (const file of a.files) {
      const r = replayJournal(resolve(ctx.cwd, file), impl, ctx.cwd);
      const bad = r.differences.length > 0 || r.problems.length > 0;
      if (bad) code = 1;
      ctx.stdout.write(`${file} (${impl.name}): ${r.sessions} sessions, ${r.steps} steps, ${r.differences.length} differing records\n`);
      for (const p of r.problems) ctx.stdout.write(`  problem: ${p}\n`);
      const d = r.differences[0];
      if (d !== undefined) ctx.stdout.write(`  first: record ${d.index} at ${d.pointer || '/'}: recorded ${d.recorded}, replayed ${d.replayed}\n`);
    }
  }
  return code;
}

async function soak(args: readonly string[], ctx: CliContext): Promise<number> {
  const a = parseJournalArguments(args, ['--kills', '--seed', '--kernel', '--delay-max-ms', '--journal'], [], usage);
  const kernel = a.flags.get('--kernel')?.[0] ?? 'rust';
  if (kernel !== 'rust' && kernel !== 'ts') throw usage(`--kernel must be rust or ts, not '${kernel}'`);
  const command = kernel === 'rust' ? [resolve(ctx.cwd, RUST_BINARY)] : [process.execPath, '--import', 'tsx', resolve(ctx.cwd, 'src/cli/main.ts'), 'kernel'];
  if (kernel === 'rust') prepared(rustImplementation, ctx.cwd);
  const journal = resolve(ctx.cwd, a.flags.get('--journal')?.[0] ?? join(tmpdir(), `lockstep-kill-soak-${process.pid}.journal`));
  const kills = integerFlag(a, '--kills', usage) ?? 1000;
  const seed = integerFlag(a, '--seed', usage) ?? 1;
  const delayMaxMs = integerFlag(a, '--delay-max-ms', usage) ?? 40;
  const r = await killSoak({ command, journal, kills, seed, delayMaxMs });
  for (const f of r.failures) ctx.stdout.write(`FAIL ${f}\n`);
  ctx.stdout.write(`kill-soak (${kernel}, seed ${seed}): ${r.kills} kills, ${r.answersChecked} answers found in the journal, ${r.tornTails} torn tails, ${r.failures.length} failures (${journal})\n`);
  return r.failures.length === 0 ? 0 : 1;
}

function gate(args: readonly string[], ctx: CliContext): number {
  const a = parseJournalArguments(args, ['--impl'], [], usage);
  if (a.files.length > 0) throw usage(`gate takes no files (it replays ${GOLDEN_DIR}/)`);
  const names = a.flags.get('--impl');
  const impls = (names === undefined ? [referenceImplementation, rustImplementation] : names.map(implementationFromArgument)).map((i) => prepared(i, ctx.cwd));
  const r = runReplayGate(join(ctx.cwd, GOLDEN_DIR), impls, ctx.cwd);
  for (const f of r.failures) ctx.stdout.write(`FAIL ${f}\n`);
  ctx.stdout.write(`journal gate: ${r.replays} replays, ${r.steps} steps, ${r.accepted} accepted differences, ${r.failures.length} failures\n`);
  return r.failures.length === 0 ? 0 : 1;
}

export const journalCommand: CliCommand = {
  name: 'journal',
  help: HELP,
  async run(args, ctx) {
    const [sub, ...rest] = args;
    try {
      switch (sub) {
        case 'verify':
          return verify(rest, ctx);
        case 'compare':
          return compare(rest, ctx);
        case 'export':
          return exportCommand(rest, ctx);
        case 'replay':
          return replay(rest, ctx);
        case 'show': {
          const a = parseJournalArguments(rest, ['--trace'], [], usage);
          if (a.files.length !== 1) throw usage('show needs one FILE');
          for (const line of showJournal(resolve(ctx.cwd, a.files[0] as string), a.flags.get('--trace')?.[0])) ctx.stdout.write(`${line}\n`);
          return 0;
        }
        case 'gate':
          return gate(rest, ctx);
        case 'kill-soak':
          return await soak(rest, ctx);
        case 'vectors':
          ctx.stdout.write(`wrote ${writeVectorFiles(join(ctx.cwd, VECTOR_DIR)).length} vectors to ${VECTOR_DIR}/\n`);
          return 0;
        case 'goldens':
          for (const f of writeGoldenJournals(ctx.cwd)) ctx.stdout.write(`wrote ${f}\n`);
          return 0;
        default:
          throw usage(sub === undefined ? 'a subcommand is needed' : `unknown subcommand '${sub}'`);
      }
    } catch (e) {
      if (e instanceof JournalReadError || e instanceof ExportRangeError || (e as NodeJS.ErrnoException).code === 'ENOENT') {
        ctx.stderr.write(`lockstep journal: ${(e as Error).message}\n`);
        return 1;
      }
      throw e;
    }
  },
};
