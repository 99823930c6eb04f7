// Tells what an input is from its content alone, so `lockstep report a b c` needs no flags.
import type { RawInput } from './read-input.js';
import { ReportInputError } from './report-input-error.js';

export type InputKind = 'parity' | 'fuzz' | 'fuzz_shard' | 'journal_compare' | 'compat' | 'history';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function kindOfRecord(value: unknown): InputKind | undefined {
  if (!isObject(value)) return undefined;
  if (value.type === 'fixture' || value.type === 'summary') return 'parity';
  if ('history_version' in value) return 'history';
  if ('report_version' in value && 'coverage' in value && isObject(value.shard)) {
    return (value.shard as { count?: unknown }).count === 1 ? 'fuzz' : 'fuzz_shard';
  }
  if (Array.isArray(value.findings)) return 'compat';
  if ('left' in value && 'right' in value) return 'journal_compare';
  return undefined;
}

/** The kind of an input, decided by its first record; every record must agree. */
export function detectKind(input: RawInput): InputKind {
  const first = input.records[0];
  const kind = first === undefined ? undefined : kindOfRecord(first.value);
  if (kind === undefined) {
    throw new ReportInputError(
      input.file,
      first && input.records.length > 1 ? `line ${first.line}` : '',
      'not a report input: expected a parity report (JSON lines with "type"), a fuzz report ("report_version", "shard", "coverage"), a compat report ("findings"), a journal comparison ("left", "right") or a report history (JSON lines with "history_version")',
    );
  }
  const multi = kind === 'parity' || kind === 'history';
  if (!multi && input.records.length > 1) {
    throw new ReportInputError(input.file, `line ${input.records[1]!.line}`, `a ${kind} report is one JSON document, found more than one line`);
  }
  return kind;
}
