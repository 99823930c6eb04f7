// compare: identical journals by their heads; otherwise the first differing record, found by
// bisecting over the checkpoints, with its JSON path; the --json form follows its schema.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validate } from '../../src/contracts/validate.js';
import { compareJournals } from '../../src/journal/journal-compare.js';
import { recordSessions } from '../../src/journal/record-sessions.js';

const dir = mkdtempSync(join(tmpdir(), 'journal-compare-'));
const hello = Buffer.from('{"op":"hello","seq":0,"protocol_version":"1.0"}');

/** A long session of harmless requests; `changeAt` swaps one line for another. */
function session(length: number, changeAt?: number): Buffer[] {
  const lines = [hello];
  for (let seq = 1; seq < length; seq += 1) {
    const op = seq === changeAt ? 'snapshot' : 'mark_price';
    lines.push(Buffer.from(`{"op":"${op}","seq":${seq}}`));
  }
  return lines;
}

describe('journal compare', () => {
  it('equal sessions: identical, no bisecting needed', () => {
    recordSessions(join(dir, 'a.journal'), [session(300)], { checkpointInterval: 16 });
    recordSessions(join(dir, 'b.journal'), [session(300)], { checkpointInterval: 16, buildId: 'another build' });
    const r = compareJournals(join(dir, 'a.journal'), join(dir, 'b.journal'));
    expect(r).toMatchObject({ identical: true, headers_equal: false, checkpoints_compared: 0 });
    expect(validate('JournalCompare', r).ok).toBe(true);
  });

  it('finds the first differing record by bisecting, with its path and both values', () => {
    recordSessions(join(dir, 'c.journal'), [session(300, 201)], { checkpointInterval: 16 });
    const r = compareJournals(join(dir, 'a.journal'), join(dir, 'c.journal'));
    expect(r.identical).toBe(false);
    // Seq 201 is line 202 (hello is line 1); 13 checkpoints (indices 16..208) come before it.
    expect(r.first_difference!.index).toBe(202 + 13);
    expect(r.first_difference).toMatchObject({ pointer: '/request', a: '"{\\"op\\":\\"mark_price\\",\\"seq\\":201}"', b: '"{\\"op\\":\\"snapshot\\",\\"seq\\":201}"' });
    expect(r.checkpoints_compared).toBeLessThanOrEqual(6);
    expect(validate('JournalCompare', r).ok).toBe(true);
  });

  it('a journal that is a prefix of the other differs where it ends', () => {
    recordSessions(join(dir, 'd.journal'), [session(100)], { checkpointInterval: 16 });
    const r = compareJournals(join(dir, 'd.journal'), join(dir, 'a.journal'));
    expect(r.identical).toBe(false);
    expect(r.first_difference?.pointer).toBe('/kind');
    expect(validate('JournalCompare', r).ok).toBe(true);
  });
});
