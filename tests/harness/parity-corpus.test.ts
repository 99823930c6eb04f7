import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parityCommand } from '../../src/harness/parity-command.js';

describe('pnpm parity over the whole corpus', () => {
  it('runs every fixture through every implementation with no divergence, error or stale golden', async () => {
    const report = join(mkdtempSync(join(tmpdir(), 'lockstep-parity-corpus-')), 'parity.jsonl');
    const output = await parityCommand(['--quiet', '--report', report], process.cwd());
    expect(output.result?.kind, output.text).toBe('ran');
    if (output.result?.kind !== 'ran') return;
    const fixtures = new Set(output.result.cases.map((c) => c.fixture.loaded.fixture.id));
    expect(fixtures.size, 'the corpus is empty').toBeGreaterThan(0);
    expect(output.result.summaries.map((s) => s.implementation)).toEqual(['ts-in-process', 'ts-server', 'rust']);
    expect(output.exitCode, output.text).toBe(0);
  }, 300_000);
});
