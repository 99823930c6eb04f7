// Snapshots name their journal position: restoring from one whose journal lost that record
// (a cut tail, a different journal) is refused with a sentence naming the record.
import { existsSync, mkdtempSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { baseChain } from '../../src/journal/fault-vectors.js';
import { scanJournal } from '../../src/journal/journal-scan.js';
import { checkSnapshotPosition, readSnapshot, writeSnapshot } from '../../src/journal/snapshot-file.js';

describe('snapshot files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'journal-snapshot-'));
  const journal = join(dir, 'run.journal');
  writeFileSync(journal, baseChain().bytes());
  const head = scanJournal(journal).decision;
  const snap = join(dir, 'state.snapshot.json');
  writeSnapshot(snap, { slots: [] }, { index: head.records, checksum: head.head });

  it('is written whole, with no temp file left, and names its journal position', () => {
    expect(readSnapshot(snap)).toEqual({ journal_position: { index: head.records, checksum: head.head }, snapshot: { slots: [] } });
    expect(readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
    expect(checkSnapshotPosition(snap, journal)).toBeUndefined();
  });

  it('a journal that lost its tail is detected', () => {
    const cut = join(dir, 'cut.journal');
    const bytes = readFileSync(journal);
    writeFileSync(cut, bytes);
    truncateSync(cut, bytes.lastIndexOf(0x0a, bytes.length - 2) + 1);
    expect(checkSnapshotPosition(snap, cut)).toMatch(/ends before record 13, where .* was taken: its tail is lost/);
  });

  it('another journal at that index is detected', () => {
    const other = join(dir, 'other.journal');
    writeFileSync(other, baseChain(14).bytes());
    expect(existsSync(other)).toBe(true);
    expect(checkSnapshotPosition(snap, other)).toMatch(/record 13 is sha256:[0-9a-f]{64}, not /);
  });
});
