// `lockstep validate <Contract> [FILE|-]...`: contract instances (JSON or JSON lines) checked
// against a contract's schema, each error with file, line, JSON pointer, keyword and message.
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { text as readStream } from 'node:stream/consumers';
import { contractNames, isContractName } from '../contracts/index.js';
import { checkDocument, type InputShape, type InstanceCheck } from '../contracts/document-check.js';
import { closest } from '../harness/fixture-selection.js';
import { OUTPUT_FORMATS, parseOutputFormat, renderResults, type CheckResult, type OutputFormat } from '../report-formats/index.js';
import { UsageError, type CliCommand, type CliContext } from './command.js';

const HELP = `usage: lockstep validate <Contract> [FILE|-]... [--all-errors] [--jsonl] [--format text|junit|github|jsonl]

Checks each instance in the files (standard input when there is none, or for -) against the
contract's JSON Schema. A file is one JSON document, or JSON lines (one instance per line: a
.jsonl/.ndjson name, --jsonl, or a text that is not one document). Each error is printed as
  FILE:LINE: POINTER: KEYWORD: MESSAGE
Exit 0 when every instance is valid, 1 when one is not (or is not JSON), 2 on a usage mistake
(an unknown contract, a file that cannot be read).

  --all-errors  every error of each instance (default: the first, as the protocol reports it)
  --jsonl       read every input as JSON lines
  --format      text (default), junit, github (workflow annotations) or jsonl
  --quiet       print nothing for valid instances

contracts: ${contractNames.join(', ')}

examples:
  lockstep validate KernelConfig config.json
  lockstep validate ProtocolRequest --all-errors requests.jsonl
  echo '{"op":"hello","seq":0,"protocol_version":"1.0"}' | lockstep validate ProtocolRequest -`;

interface Options {
  contract: string;
  files: string[];
  allErrors: boolean;
  shape: InputShape;
  format: OutputFormat;
  quiet: boolean;
}

function parseOptions(args: readonly string[]): Options {
  const o: Options = { contract: '', files: [], allErrors: false, shape: 'auto', format: 'text', quiet: false };
  const positional: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    const a = args[i]!;
    if (a === '--all-errors') o.allErrors = true;
    else if (a === '--jsonl') o.shape = 'jsonl';
    else if (a === '--quiet') o.quiet = true;
    else if (a === '--format') {
      const v = args[(i += 1)];
      const f = v === undefined ? undefined : parseOutputFormat(v);
      if (f === undefined) throw new UsageError(`--format must be one of ${OUTPUT_FORMATS.join(', ')}, got ${v ?? 'nothing'}`);
      o.format = f;
    } else if (a === '--') positional.push(...args.slice(i + 1)), (i = args.length);
    else if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option ${a}`);
    else positional.push(a);
  }
  const [contract, ...files] = positional;
  if (contract === undefined) throw new UsageError(`name a contract (${contractNames.join(', ')})`);
  if (!isContractName(contract)) throw new UsageError(`unknown contract ${contract} (closest: ${closest(contract, contractNames).join(', ')})`);
  return { ...o, contract, files: files.length > 0 ? files : ['-'] };
}

async function readInput(file: string, ctx: CliContext): Promise<string> {
  if (file === '-') return readStream(ctx.stdin);
  const path = resolve(ctx.cwd, file);
  try {
    if (statSync(path).isDirectory()) throw new Error('it is a folder');
    return readFileSync(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new UsageError(`cannot read ${file}: ${reason}`);
  }
}

function asCheckResults(contract: string, checks: readonly InstanceCheck[]): CheckResult[] {
  return checks.map((c) => {
    const first = c.errors[0];
    return {
      suite: contract,
      name: `${c.source}:${c.line}`,
      ok: first === undefined,
      file: c.source,
      line: c.line,
      data: { errors: c.errors },
      ...(first === undefined ? {} : { message: `${first.path || '/'}: ${first.keyword}: ${first.message}`, detail: c.errors.slice(1).map((e) => `${e.path || '/'}: ${e.keyword}: ${e.message}`).join('\n') }),
    };
  });
}

function textReport(checks: readonly InstanceCheck[], quiet: boolean): string {
  const lines: string[] = [];
  for (const c of checks) {
    if (c.errors.length === 0 && !quiet) lines.push(`${c.source}:${c.line}: valid`);
    for (const e of c.errors) lines.push(`${c.source}:${c.line}: ${e.path || '/'}: ${e.keyword}: ${e.message}`);
  }
  const invalid = checks.filter((c) => c.errors.length > 0).length;
  lines.push(`validate: ${checks.length} instance(s), ${checks.length - invalid} valid, ${invalid} invalid`);
  return lines.join('\n');
}

export const validateCommand: CliCommand = {
  name: 'validate',
  help: HELP,
  async run(args, ctx) {
    const o = parseOptions(args);
    const checks: InstanceCheck[] = [];
    for (const file of o.files) {
      const text = await readInput(file, ctx);
      const source = file === '-' ? '<stdin>' : file;
      checks.push(...checkDocument(o.contract as Parameters<typeof checkDocument>[0], text, source, { allErrors: o.allErrors, shape: o.shape }));
    }
    const out = o.format === 'text' ? textReport(checks, o.quiet) : renderResults(o.format, 'lockstep validate', asCheckResults(o.contract, checks));
    ctx.stdout.write(`${out}\n`);
    return checks.some((c) => c.errors.length > 0) ? 1 : 0;
  },
};
