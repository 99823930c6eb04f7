// The command line of `lockstep report`, parsed into options (usage mistakes throw UsageError).
import { UsageError } from '../cli/command.js';

export interface ReportArguments {
  readonly inputs: readonly string[];
  readonly out: string;
  readonly title: string;
  readonly history: string | undefined;
  readonly append: boolean;
  readonly label: string | undefined;
  readonly failOnRed: boolean;
}

export const DEFAULT_OUT = 'reports/report.html';
const WITH_VALUE = new Set(['-o', '--out', '--title', '--history', '--label']);

export function parseReportArguments(args: readonly string[]): ReportArguments {
  const inputs: string[] = [];
  const values = new Map<string, string>();
  let append = false;
  let failOnRed = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--append') append = true;
    else if (arg === '--fail-on-red') failOnRed = true;
    else if (WITH_VALUE.has(arg)) {
      const value = args[++i];
      if (value === undefined || value === '') throw new UsageError(`${arg} needs a value`);
      values.set(arg === '-o' ? '--out' : arg, value);
    } else if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option '${arg}'`);
    else inputs.push(arg);
  }
  const history = values.get('--history');
  if (append && history === undefined) throw new UsageError('--append needs --history FILE (the file to append this run to)');
  if (inputs.length === 0 && history === undefined) throw new UsageError('give at least one input file (a parity, fuzz, compat, journal-compare report or a history file)');
  return { inputs, out: values.get('--out') ?? DEFAULT_OUT, title: values.get('--title') ?? 'lockstep report', history, append, label: values.get('--label'), failOnRed };
}
