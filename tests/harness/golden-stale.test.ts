import { describe, expect, it } from 'vitest';
import { referenceImplementation, rustImplementation } from '../../src/harness/builtin-implementations.js';
import { formatRun } from '../../src/harness/parity-report.js';
import { runParity } from '../../src/harness/parity-run.js';
import { lifecycleSteps, referenceFixture } from './support/reference-fixtures.js';
import { makeFixture, writeFixtureRoot } from './support/temp-fixtures.js';

describe('golden answers out of date', () => {
  it('is reported for the reference as golden-stale, not as a divergence of the others', async () => {
    const fresh = referenceFixture('a-fresh', lifecycleSteps('t1'));
    const filled = referenceFixture('b-stale', lifecycleSteps('t2'));
    const expected = structuredClone(filled.expected) as Array<{ result: { step: number } }>;
    expected[2]!.result.step = 99;
    const stale = makeFixture('b-stale', filled.steps, expected);
    const root = writeFixtureRoot([fresh, stale]);
    const result = await runParity({
      fixturesRoot: root,
      repoRoot: process.cwd(),
      implementations: [referenceImplementation, rustImplementation],
      selectors: [],
      timeoutMs: 10_000,
      knownDivergences: [],
    });
    if (result.kind !== 'ran') throw new Error('refused');
    const byCase = result.cases.map((c) => `${c.implementation}/${c.fixture.loaded.fixture.name}/${c.status}`);
    expect(byCase).toEqual(['ts-in-process/a-fresh/passed', 'ts-in-process/b-stale/golden-stale', 'rust/a-fresh/passed', 'rust/b-stale/passed']);
    expect(result.cases[1]!.verdict).toMatchObject({ status: 'diverged', step: 2, difference: { pointer: '/result/step', expected: 99, actual: 3 } });
    expect(result.failed).toBe(true);
    expect(formatRun(result, true)).toContain('GOLDEN STALE (every target follows the reference; refill with pnpm fixtures:fill and review) at step 2 (seq 4), path /result/step');
  }, 60_000);
});
