import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listTsMutants } from '../../src/mutants/ts-mutants.js';
import { mutantId } from '../../src/mutants/mutant.js';
import { runMutants } from '../../src/mutants/mutants-run.js';
import { failedMutants } from '../../src/mutants/mutants-report.js';

const repoRoot = resolve(__dirname, '../..');

describe('mutants run', () => {
  it('kills the planted overfill mutant (size >= remaining weakened to >) with the corpus, and a listed-equivalent mutant that is killed fails the ratchet', async () => {
    const overfill = listTsMutants(repoRoot).find((m) => m.file === 'src/kernel/apply-fill.ts' && m.original === '>=' && m.replacement === '>' && m.description.startsWith('fillArithmetic'));
    expect(overfill).toBeDefined();
    const dir = mkdtempSync(join(tmpdir(), 'lockstep-mutants-test-'));
    const equivalentPath = join(dir, 'equivalent.json');
    writeFileSync(equivalentPath, JSON.stringify({ version: 1, mutants: [{ id: mutantId(overfill!), reason: 'a wrong argument, planted to test the ratchet' }] }));
    const report = await runMutants({
      kernel: 'ts', mutants: [overfill!], shard: { index: 1, count: 1 }, budgetMs: 120_000, repoRoot, fixturesRoot: join(repoRoot, 'fixtures'),
      fuzzRuns: 0, fuzzSeed: 1, timeoutMs: 10_000, stepTimeoutMs: 120_000, buildTimeoutMs: 600_000, equivalentPath, scratchRoot: dir,
    });
    expect(report.results).toHaveLength(1);
    expect(report.results[0]).toMatchObject({ status: 'killed', file: 'src/kernel/apply-fill.ts' });
    expect(report.results[0]!.by).toMatch(/^parity /);
    expect(report.ratchet).toHaveLength(1);
    expect(report.ratchet[0]).toMatch(/listed as equivalent but was killed/);
    expect(failedMutants(report)).toBe(true);
  }, 180_000);
});
