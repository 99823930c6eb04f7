// Tells what an input is from its content alone, so `lockstep report a b c` needs no flags.
import type { RawInput } from './read-input.js';
import { ReportInputError } from './report-input-error.js';

export type InputKind = 'parity' | 'fuzz' | 'fuzz_shard' | 'journal_compare' | 'compat' | 'history';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function kindOfRecord(value: unknown): InputKind | undefined {
  if (!isObject(value)) return undefined;
  if (value.type === 'fixture' || value.type === 'summary') return 'parity';
  if ('history_version' in value) return 'history';
  if (value.record === 'header' && value.format === 'lockstep.fuzz_shard.v1') return 'fuzz_shard';
  if (value.format === 'lockstep.fuzz_merged.v1') return 'fuzz';
  if ('report_version' in value && 'coverage' in value && isObject(value.shard)) {
    return (value.shard as { count?: unknown }).count === 1 ? 'fuzz' : 'fuzz_shard';
  }
  if (value.report === 'compat' || Array.isArray(value.findings)) return 'compat';
  if (value.compare_version === 'lockstep.journal-compare.v1' || ('left' in value && 'right' in value)) return 'journal_compare';
  return undefined;
}

/** A lockstep.fuzz_shard.v1 file: JSON lines, a header first. */
export const isShardLines = (value: unknown): boolean => isObject(value) && value.record === 'header';

/** The kind of an input, decided by its first record; every record must agree. */
export function detectKind(input: RawInput): InputKind {
  const first = input.records[0];
  const kind = first === undefined ? undefined : kindOfRecord(first.value);
  if (kind === undefined) {
    throw new ReportInputError(
      input.file,
      first && input.records.length > 1 ? `line ${first.line}` : '',
      'not a report input: expected a parity report (JSON lines with "type"), a fuzz report ("report_version", "shard", "coverage"), a fuzz shard file (JSON lines, a "header" record first), a merged fuzz report ("format": "lockstep.fuzz_merged.v1"), a compat report ("findings"), a journal comparison ("left", "right") or a report history (JSON lines with "history_version")',
    );
  }
  const multi = kind === 'parity' || kind === 'history' || isShardLines(first!.value);
  if (!multi && input.records.length > 1) {
    throw new ReportInputError(input.file, `line ${input.records[1]!.line}`, `a ${kind} report is one JSON document, found more than one line`);
  }
  return kind;
}
