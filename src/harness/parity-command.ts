import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { builtinImplementations, implementationFromArgument } from './builtin-implementations.js';
import { loadKnownDivergences } from './known-divergences.js';
import { parseParityArguments, PARITY_USAGE } from './parity-arguments.js';
import { formatRefusal, formatRun, reportLines } from './parity-report.js';
import { runParity, type ParityProgress, type ParityResult } from './parity-run.js';

export interface ParityCommandOutput {
  readonly exitCode: number;
  readonly text: string;
  readonly result: ParityResult | undefined;
}

/** `pnpm parity` without the process edges: arguments in, text and exit code out (the report file is written). */
export async function parityCommand(argv: readonly string[], repoRoot: string, onProgress?: (p: ParityProgress) => void): Promise<ParityCommandOutput> {
  const parsed = parseParityArguments(argv);
  if (!parsed.ok) return { exitCode: 2, text: `parity: ${parsed.message}\n${PARITY_USAGE}`, result: undefined };
  const args = parsed.value;
  const fixturesRoot = resolve(repoRoot, args.fixturesRoot);
  const knownPath = resolve(repoRoot, args.knownPath ?? join(args.fixturesRoot, 'known-divergences.json'));
  const known = loadKnownDivergences(knownPath);
  if (!known.ok) {
    return { exitCode: 2, text: `parity: ${knownPath} at ${known.pointer || '(root)'}: ${known.reason}`, result: undefined };
  }
  const implementations = args.impls.length > 0 ? args.impls.map(implementationFromArgument) : builtinImplementations;
  const result = await runParity({
    fixturesRoot,
    repoRoot,
    implementations,
    selectors: args.fixtures,
    timeoutMs: args.timeoutMs,
    knownDivergences: known.entries,
    ...(args.jobs !== undefined ? { lanes: args.jobs } : {}),
    ...(onProgress ? { onProgress } : {}),
  });
  if (result.kind === 'refused') return { exitCode: 1, text: formatRefusal(result.problems), result };
  const reportPath = resolve(repoRoot, args.reportPath);
  mkdirSync(dirname(reportPath), { recursive: true });
  writeFileSync(reportPath, `${reportLines(result).join('\n')}\n`);
  const text = `${formatRun(result, args.quiet)}\nreport: ${args.reportPath}`;
  return { exitCode: result.failed ? 1 : 0, text, result };
}
