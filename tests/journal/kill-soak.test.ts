// The kill test, small: the Rust kernel appending under load is SIGKILLed at seeded random
// moments; every answer it sent is in the journal with the same response, the journal is never
// damaged, and each reopen recovers it. (`lockstep journal kill-soak --kills 1000` is the soak.)
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RUST_BINARY } from '../../src/harness/implementation.js';
import { killSoak } from '../../src/journal/kill-soak.js';
import { scanJournal } from '../../src/journal/journal-scan.js';

describe('kill test', () => {
  it('SIGKILL at random moments loses nothing but a torn tail', async () => {
    const journal = join(mkdtempSync(join(tmpdir(), 'journal-kill-')), 'kill.journal');
    const r = await killSoak({ command: [RUST_BINARY], journal, kills: 12, seed: 7, delayMaxMs: 60 });
    expect(r.failures).toEqual([]);
    expect(r.answersChecked).toBeGreaterThan(0);
    expect(['clean', 'torn_tail']).toContain(scanJournal(journal).decision.case);
  });
});
