// Reading a journal's records for tools (show, compare, replay, export): each complete line
// parsed, with its index and byte offset, streamed so memory stays flat in the journal's length.
import { closeSync, fstatSync, openSync } from 'node:fs';
import type { JournalRecord } from '../../generated/ts/types.js';
import { forEachLine, tornStart } from './journal-lines.js';

export interface PlacedRecord {
  /** Position in the file (the header is 0). */
  readonly position: number;
  readonly offset: number;
  /** The line bytes without `\n`. */
  readonly bytes: Buffer;
  readonly record: JournalRecord;
}

/** Thrown when a line is not JSON: tools run on journals `journal verify` accepts. */
export class JournalReadError extends Error {
  override readonly name = 'JournalReadError';
}

/** Calls `visit` for each complete record (the torn tail, if any, is not read). */
export function forEachRecord(path: string, visit: (r: PlacedRecord) => boolean | void): void {
  const fd = openSync(path, 'r');
  try {
    const end = tornStart(fd, fstatSync(fd).size);
    let position = 0;
    forEachLine(fd, 0, end, (bytes, offset) => {
      if (bytes === undefined) throw new JournalReadError(`${path}: line ${position} at byte ${offset} is too long`);
      let record: JournalRecord;
      try {
        record = JSON.parse(bytes.toString('utf8')) as JournalRecord;
      } catch {
        throw new JournalReadError(`${path}: line ${position} at byte ${offset} is not JSON (run lockstep journal verify)`);
      }
      const go = visit({ position, offset, bytes, record });
      position += 1;
      return go !== false;
    });
  } finally {
    closeSync(fd);
  }
}

/** Every record of a (small) journal, in order. */
export function readRecords(path: string): PlacedRecord[] {
  const out: PlacedRecord[] = [];
  forEachRecord(path, (r) => {
    out.push(r);
  });
  return out;
}
