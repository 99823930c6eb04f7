/** Options of `lockstep parity` (docs/parity.md). */
import { OUTPUT_FORMATS, parseOutputFormat, type OutputFormat } from '../report-formats/index.js';

export interface ParityArguments {
  readonly impls: readonly string[];
  readonly fixtures: readonly string[];
  readonly tags: readonly string[];
  readonly format: OutputFormat;
  readonly timeoutMs: number;
  readonly reportPath: string;
  readonly fixturesRoot: string;
  readonly knownPath: string | undefined;
  readonly quiet: boolean;
  readonly jobs: number | undefined;
}

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_REPORT_PATH = 'reports/parity.jsonl';
export const DEFAULT_FIXTURES_ROOT = 'fixtures';

export const PARITY_USAGE = `usage: lockstep parity [--impl <name|command>]... [--fixture <name|id|glob>]... [--tag <tag>]...
                       [--timeout-ms <n>] [--report <path>] [--fixtures <dir>] [--known <path>]
                       [--jobs <n>] [--format text|junit|github|jsonl] [--quiet]
  --impl      run only these implementations against the golden answers; builtin names:
              ts-in-process (the reference), ts-server, rust; anything else is a shell command
  --fixture   run only these fixtures: a name, an id, <topic>/<name>, or a glob such as 'exit/*'
              (repeatable; one that matches nothing is a usage error naming the closest names)
  --tag       run only the fixtures carrying this tag (repeatable; adds to --fixture)
  --timeout-ms per-fixture answer timeout (default ${DEFAULT_TIMEOUT_MS})
  --report    JSON-lines report path (default ${DEFAULT_REPORT_PATH})
  --fixtures  fixture root holding regressions/ and corpus/ (default ${DEFAULT_FIXTURES_ROOT})
  --known     known-divergences file (default <fixtures>/known-divergences.json)
  --jobs      sessions of one implementation run at the same time (default 3)
  --format    what stdout gets: text (default; the table and failures), junit (XML), github
              (workflow annotations) or jsonl; the --report file is JSON lines either way
  --quiet     print the table and failures only`;

export type ParsedArguments = { readonly ok: true; readonly value: ParityArguments } | { readonly ok: false; readonly message: string };

export function parseParityArguments(argv: readonly string[]): ParsedArguments {
  const impls: string[] = [];
  const fixtures: string[] = [];
  const tags: string[] = [];
  let format: OutputFormat = 'text';
  let timeoutMs = DEFAULT_TIMEOUT_MS;
  let reportPath = DEFAULT_REPORT_PATH;
  let fixturesRoot = DEFAULT_FIXTURES_ROOT;
  let knownPath: string | undefined;
  let quiet = false;
  let jobs: number | undefined;
  for (let index = 0; index < argv.length; index += 1) {
    const flag = argv[index]!;
    if (flag === '--') continue;
    if (flag === '--quiet') {
      quiet = true;
      continue;
    }
    const value = argv[index + 1];
    if (!['--impl', '--fixture', '--tag', '--format', '--timeout-ms', '--report', '--fixtures', '--known', '--jobs'].includes(flag)) {
      return { ok: false, message: `unknown option ${flag}` };
    }
    if (value === undefined) return { ok: false, message: `${flag} needs a value` };
    index += 1;
    if (flag === '--impl') impls.push(value);
    else if (flag === '--fixture') fixtures.push(value);
    else if (flag === '--tag') tags.push(value);
    else if (flag === '--format') {
      const chosen = parseOutputFormat(value);
      if (chosen === undefined) return { ok: false, message: `--format must be one of ${OUTPUT_FORMATS.join(', ')}, got ${value}` };
      format = chosen;
    }
    else if (flag === '--report') reportPath = value;
    else if (flag === '--fixtures') fixturesRoot = value;
    else if (flag === '--known') knownPath = value;
    else if (flag === '--jobs') {
      jobs = Number(value);
      if (!Number.isInteger(jobs) || jobs <= 0) return { ok: false, message: `--jobs must be a positive integer, got ${value}` };
    }
    else {
      timeoutMs = Number(value);
      if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) return { ok: false, message: `--timeout-ms must be a positive integer, got ${value}` };
    }
  }
  return { ok: true, value: { impls, fixtures, tags, format, timeoutMs, reportPath, fixturesRoot, knownPath, quiet, jobs } };
}
