// Snapshots on disk, written atomically (temp file, fsync, rename, directory fsync) and naming
// the journal position they were taken at, so a snapshot whose journal lost that record (a
// deleted or cut tail) is detected before anything is restored from it.
import { closeSync, fsyncSync, openSync, readFileSync, renameSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { canonicalize } from '../canonical/index.js';
import { forEachRecord } from './journal-records.js';
import { writeAll } from './journal-writer.js';

export interface JournalPosition {
  readonly index: number;
  readonly checksum: string;
}

export interface SnapshotFile {
  readonly journal_position: JournalPosition;
  readonly snapshot: unknown;
}

function syncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Writes `{journal_position, snapshot}` to `path` so that a crash leaves the old file or the new one, never a mix. */
export function writeSnapshot(path: string, snapshot: unknown, position: JournalPosition): void {
  const temp = join(dirname(path), `.${basename(path)}.tmp-${process.pid}`);
  const fd = openSync(temp, 'w');
  try {
    writeAll(fd, Buffer.from(`${canonicalize({ journal_position: position, snapshot })}\n`, 'utf8'));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
  syncPath(dirname(path));
}

export function readSnapshot(path: string): SnapshotFile {
  return JSON.parse(readFileSync(path, 'utf8')) as SnapshotFile;
}

/** Undefined when the journal holds the snapshot's record; else why not. */
export function checkSnapshotPosition(snapshotPath: string, journalPath: string): string | undefined {
  const { journal_position: at } = readSnapshot(snapshotPath);
  let found: string | undefined;
  forEachRecord(journalPath, ({ position, record }) => {
    if (position !== at.index) return true;
    found = (record as { checksum: string }).checksum;
    return false;
  });
  if (found === undefined) return `${journalPath} ends before record ${at.index}, where ${snapshotPath} was taken: its tail is lost`;
  if (found !== at.checksum) return `${journalPath} record ${at.index} is ${found}, not ${at.checksum} where ${snapshotPath} was taken`;
  return undefined;
}
