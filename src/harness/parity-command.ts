import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { UsageError } from '../cli/command.js';
import { renderResults } from '../report-formats/index.js';
import { builtinImplementations, implementationFromArgument } from './builtin-implementations.js';
import { fixtureRootProblem } from './fixture-selection.js';
import { loadKnownDivergences } from './known-divergences.js';
import { parityChecks } from './parity-checks.js';
import { parseParityArguments } from './parity-arguments.js';
import { formatRefusal, formatRun, reportLines } from './parity-report.js';
import { defaultVerifiedFixtures } from './verified-fixtures.js';
import { runParity, type ParityProgress, type ParityResult } from './parity-run.js';

export interface ParityCommandOutput {
  readonly exitCode: number;
  readonly text: string;
  readonly result: ParityResult | undefined;
}

/** mkdir -p one level at a time: Node's recursive mkdir can spin forever where a level cannot be made (under /proc). */
function makeFolders(folder: string): void {
  if (existsSync(folder)) return;
  makeFolders(dirname(folder));
  mkdirSync(folder);
}

/** Creates the report file before the run, so a bad path is a usage error now, not a crash after minutes. */
function openReport(path: string, shown: string): void {
  try {
    makeFolders(dirname(path));
    if (statSync(path, { throwIfNoEntry: false })?.isDirectory() === true) throw new Error('it is a folder');
    writeFileSync(path, '');
  } catch (error) {
    throw new UsageError(`--report ${shown}: cannot write there (${(error as Error).message})`);
  }
}

/**
 * `lockstep parity` without the process edges: arguments in, text and exit code out (the report
 * file is written). Relative paths are resolved against `cwd`. Usage mistakes (a bad flag, a
 * missing fixtures folder, a selector matching nothing, an unwritable report) throw UsageError.
 */
export async function parityCommand(argv: readonly string[], cwd: string, onProgress?: (p: ParityProgress) => void): Promise<ParityCommandOutput> {
  const parsed = parseParityArguments(argv);
  if (!parsed.ok) throw new UsageError(parsed.message);
  const args = parsed.value;
  const fixturesRoot = resolve(cwd, args.fixturesRoot);
  const rootProblem = fixtureRootProblem(fixturesRoot, args.fixturesRoot);
  if (rootProblem !== undefined) throw new UsageError(`${rootProblem}; name one with --fixtures <dir>`);
  const knownPath = resolve(cwd, args.knownPath ?? join(args.fixturesRoot, 'known-divergences.json'));
  const known = loadKnownDivergences(knownPath);
  if (!known.ok) {
    return { exitCode: 2, text: `parity: ${knownPath} at ${known.pointer || '(root)'}: ${known.reason}`, result: undefined };
  }
  const reportPath = resolve(cwd, args.reportPath);
  openReport(reportPath, args.reportPath);
  const verified = defaultVerifiedFixtures();
  const implementations = args.impls.length > 0 ? args.impls.map(implementationFromArgument) : builtinImplementations;
  const result = await runParity({
    fixturesRoot,
    repoRoot: cwd,
    implementations,
    selectors: args.fixtures,
    tags: args.tags,
    timeoutMs: args.timeoutMs,
    knownDivergences: known.entries,
    ...(verified !== undefined ? { verified } : {}),
    ...(args.jobs !== undefined ? { lanes: args.jobs } : {}),
    ...(onProgress ? { onProgress } : {}),
  });
  if (result.kind === 'unselected') throw new UsageError(result.problems.join('\n'));
  if (result.kind === 'refused') return { exitCode: 1, text: formatRefusal(result.problems), result };
  writeFileSync(reportPath, `${reportLines(result).join('\n')}\n`);
  const text = args.format === 'text' ? `${formatRun(result, args.quiet)}\nreport: ${args.reportPath}` : renderResults(args.format, 'lockstep parity', parityChecks(result));
  return { exitCode: result.failed ? 1 : 0, text, result };
}
