// Reads one input file as JSON records: a whole-file JSON document is one record, JSON lines are
// one record per non-empty line. Each record keeps its line number so errors can point at it.
import { readFile } from 'node:fs/promises';
import { ReportInputError } from './report-input-error.js';

export interface InputRecord {
  /** 1-based line of the record's start (1 for a whole-file document). */
  readonly line: number;
  readonly value: unknown;
}

export interface RawInput {
  readonly file: string;
  readonly records: readonly InputRecord[];
  /** Line number of an unterminated, unparsable last line that was skipped (skipTornTail). */
  readonly tornTail?: number;
}

export interface ReadOptions {
  /** Skip an unterminated last line that is not JSON (a crash mid-append) instead of failing. */
  readonly skipTornTail?: boolean;
}

/** Parses text that is either one JSON document or JSON lines. */
export function parseInputText(file: string, text: string, options: ReadOptions = {}): RawInput {
  const trimmed = text.trim();
  if (trimmed === '') throw new ReportInputError(file, '', 'the file is empty');
  try {
    return { file, records: [{ line: 1, value: JSON.parse(trimmed) as unknown }] };
  } catch {
    // Not one document: read it as JSON lines below.
  }
  const records: InputRecord[] = [];
  const lines = text.split('\n');
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    if (line === '') continue;
    try {
      records.push({ line: index + 1, value: JSON.parse(line) as unknown });
    } catch (error) {
      const isTorn = index === lines.length - 1 && !text.endsWith('\n');
      if (isTorn && options.skipTornTail === true && records.length > 0) return { file, records, tornTail: index + 1 };
      const torn = isTorn ? ' (the last line is unterminated: a torn write?)' : '';
      throw new ReportInputError(file, `line ${index + 1}`, `not JSON: ${(error as Error).message}${torn}`);
    }
  }
  return { file, records };
}

export async function readInput(file: string, path: string, options: ReadOptions = {}): Promise<RawInput> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ReportInputError(file, '', code === 'ENOENT' ? 'no such file' : `cannot read: ${(error as Error).message}`);
  }
  return parseInputText(file, text, options);
}
