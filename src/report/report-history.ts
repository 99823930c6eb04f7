// The history file: JSON lines, one ReportHistoryLine (schemas/report_history.schema.json) per
// run, appended by `lockstep report --history FILE --append`. It feeds the trends and tells
// which failure signatures are new, known from earlier runs, or fixed since the last one.
import { appendFile, readFile, writeFile } from 'node:fs/promises';
import type { CoverageView, HistoryPoint, ReportHistoryLine } from '../../generated/ts/types.js';
import { validate } from '../contracts/validate.js';
import { cellKey } from '../fuzz/matrix-coverage.js';
import type { InputRecord } from './read-input.js';
import { legalCells } from './report-matrices.js';
import { ReportInputError } from './report-input-error.js';
import type { RunTotals } from './report-part.js';

export function historyLines(file: string, records: readonly InputRecord[]): ReportHistoryLine[] {
  return records.map((r) => {
    const result = validate('ReportHistoryLine', r.value);
    if (!result.ok) {
      const e = result.errors[0]!;
      throw new ReportInputError(file, `line ${r.line}`, e.message);
    }
    return result.value;
  });
}

/** Legal cells hit by any view, per matrix. */
export function cellsHit(coverage: readonly CoverageView[]): { slot: number; order: number } {
  const hit = { slot: new Set<string>(), order: new Set<string>() };
  for (const view of coverage) {
    const matrix = view.machine === 'SLOT' ? 'slot' : 'order';
    for (const c of view.cells) if (c.legal && c.count > 0) hit[matrix].add(cellKey(c.from, c.trigger, c.to));
  }
  return { slot: hit.slot.size, order: hit.order.size };
}

export function historyLine(label: string, coverage: readonly CoverageView[], totals: Partial<RunTotals>, signatures: readonly string[]): ReportHistoryLine {
  const hit = cellsHit(coverage);
  return {
    history_version: 1,
    label,
    slot_hit: hit.slot,
    slot_legal: legalCells.slot.size,
    order_hit: hit.order,
    order_legal: legalCells.order.size,
    scenarios: totals.scenarios ?? 0,
    scenarios_per_s: totals.scenarios_per_s ?? 0,
    parity_cases: totals.parity_cases ?? 0,
    parity_failed: totals.parity_failed ?? 0,
    signatures: [...signatures],
  };
}

export function historyPoint(line: ReportHistoryLine): HistoryPoint {
  return {
    label: line.label,
    slot_hit: line.slot_hit,
    slot_legal: line.slot_legal,
    order_hit: line.order_hit,
    order_legal: line.order_legal,
    signatures: line.signatures.length,
    scenarios_per_s: line.scenarios_per_s,
    parity_failed: line.parity_failed,
  };
}

export interface SignatureAges {
  readonly new: readonly string[];
  readonly known: readonly string[];
  /** In the previous run, gone now. */
  readonly fixed: readonly string[];
}

export function signatureAges(current: readonly string[], earlier: readonly ReportHistoryLine[]): SignatureAges {
  const seen = new Set(earlier.flatMap((l) => l.signatures));
  const now = new Set(current);
  const previous = earlier.at(-1)?.signatures ?? [];
  return {
    new: current.filter((s) => !seen.has(s)),
    known: current.filter((s) => seen.has(s)),
    fixed: previous.filter((s) => !now.has(s)),
  };
}

/**
 * Appends one line, always on a line boundary. An unterminated last line that is not JSON (a
 * crash mid-append) is cut off first and kept in FILE.torn, so it never glues onto this line.
 */
export async function appendHistory(path: string, line: ReportHistoryLine): Promise<{ readonly cut?: string }> {
  let existing = '';
  try {
    existing = await readFile(path, 'utf8');
  } catch {
    // A new history file.
  }
  const tail = existing.slice(existing.lastIndexOf('\n') + 1);
  let cut: string | undefined;
  if (tail !== '') {
    let complete = true;
    try {
      JSON.parse(tail);
    } catch {
      complete = false;
    }
    if (complete) existing += '\n';
    else {
      cut = tail;
      await writeFile(`${path}.torn`, tail);
      existing = existing.slice(0, existing.length - tail.length);
    }
    await writeFile(path, existing);
  }
  await appendFile(path, `${JSON.stringify(line)}\n`);
  return cut === undefined ? {} : { cut };
}
