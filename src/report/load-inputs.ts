// Reads every input named on the command line, tells its kind from its content and checks it
// against its schema; the first malformed record stops the report, naming file, line, pointer.
import { resolve } from 'node:path';
import type { ReportHistoryLine } from '../../generated/ts/types.js';
import type { FuzzReport } from '../fuzz/fuzz-report.js';
import type { CompatReport } from './compat-input.js';
import type { MergedV1, ShardFileLines, ShardLine } from './fuzz-campaign-v1.js';
import { validate } from '../contracts/validate.js';
import { detectKind, isShardLines, type InputKind } from './input-kind.js';
import { checkInput, type InputSchemaName } from './input-schemas.js';
import type { JournalCompare } from './journal-input.js';
import type { ParityFixtureLine } from './parity-input.js';
import { readInput, type RawInput } from './read-input.js';
import { historyLines } from './report-history.js';
import { ReportInputError } from './report-input-error.js';

export interface LoadedInputs {
  readonly summary: { file: string; kind: InputKind; records: number }[];
  readonly parity: ParityFixtureLine[];
  readonly fuzz: FuzzReport[];
  readonly fuzzShards: FuzzReport[];
  /** lockstep.fuzz_shard.v1 files (JSON lines). */
  readonly shardFiles: ShardFileLines[];
  /** lockstep.fuzz_merged.v1 reports. */
  readonly merged: { file: string; report: MergedV1 }[];
  readonly compat: { file: string; report: CompatReport }[];
  readonly journals: { file: string; compare: JournalCompare }[];
  readonly history: ReportHistoryLine[];
}

const SCHEMA_OF: Record<Exclude<InputKind, 'history'>, InputSchemaName> = {
  parity: 'parity_report_line',
  fuzz: 'fuzz_report',
  fuzz_shard: 'fuzz_report',
  compat: 'compat_report',
  journal_compare: 'journal_compare',
};

function schemaFor(input: RawInput, kind: Exclude<InputKind, 'history'>): InputSchemaName {
  const first = input.records[0]?.value as { format?: unknown } | undefined;
  if (first?.format === 'lockstep.fuzz_merged.v1') return 'fuzz_merged';
  return SCHEMA_OF[kind];
}

type InputContract = 'CompatReport' | 'JournalCompare' | 'FuzzShardRecord';

/** Formats that are contracts in schemas/ are checked by their generated validators. */
function contractFor(value: unknown, shardFile: boolean): InputContract | undefined {
  const v = value as { report?: unknown; compare_version?: unknown };
  if (shardFile) return 'FuzzShardRecord';
  return v.report === 'compat' ? 'CompatReport' : v.compare_version === 'lockstep.journal-compare.v1' ? 'JournalCompare' : undefined;
}

function checked(input: RawInput, kind: Exclude<InputKind, 'history'>): unknown[] {
  const schema = schemaFor(input, kind);
  const shardFile = isShardLines(input.records[0]?.value);
  return input.records.map((record) => {
    const contract = contractFor(record.value, shardFile);
    if (contract !== undefined) {
      const result = validate(contract, record.value);
      if (result.ok) return record.value;
      throw new ReportInputError(input.file, input.records.length > 1 ? `line ${record.line}` : '', `${result.errors[0]!.message} (not a valid ${contract})`);
    }
    const problem = checkInput(schema, record.value);
    if (problem === undefined) return record.value;
    const line = input.records.length > 1 ? `line ${record.line} ` : '';
    throw new ReportInputError(input.file, `${line}at ${problem.pointer || '(root)'}`, `${problem.message} (not a valid ${kind.replace('_', ' ')} input)`);
  });
}

export function emptyInputs(): LoadedInputs {
  return { summary: [], parity: [], fuzz: [], fuzzShards: [], shardFiles: [], merged: [], compat: [], journals: [], history: [] };
}

/** Adds one read input to `into`. */
export function addInput(into: LoadedInputs, input: RawInput): InputKind {
  const kind = detectKind(input);
  into.summary.push({ file: input.file, kind, records: input.records.length });
  if (kind === 'history') {
    into.history.push(...historyLines(input.file, input.records));
    return kind;
  }
  const values = checked(input, kind);
  const first = values[0] as { format?: unknown };
  if (isShardLines(first)) {
    into.shardFiles.push({ file: input.file, lines: values as ShardLine[] });
    return kind;
  }
  if (first.format === 'lockstep.fuzz_merged.v1') {
    into.merged.push({ file: input.file, report: first as MergedV1 });
    return kind;
  }
  if (kind === 'parity') into.parity.push(...(values as { type: string }[]).filter((v): v is ParityFixtureLine => v.type === 'fixture'));
  else if (kind === 'fuzz') into.fuzz.push(...(values as FuzzReport[]));
  else if (kind === 'fuzz_shard') into.fuzzShards.push(...(values as FuzzReport[]));
  else if (kind === 'compat') into.compat.push({ file: input.file, report: values[0] as CompatReport });
  else into.journals.push({ file: input.file, compare: values[0] as JournalCompare });
  return kind;
}

export async function loadInputs(files: readonly string[], cwd: string): Promise<LoadedInputs> {
  const loaded = emptyInputs();
  for (const file of files) addInput(loaded, await readInput(file, resolve(cwd, file)));
  return loaded;
}
