import { describe, expect, it } from 'vitest';
import { ensureRustKernel, processImplementation, RUST_BINARY } from '../../src/harness/implementation.js';
import { runParity } from '../../src/harness/parity-run.js';
import { lifecycleSteps, referenceFixture } from './support/reference-fixtures.js';
import { writeFixtureRoot } from './support/temp-fixtures.js';

const repoRoot = process.cwd();

describe('parity harness against the real Rust kernel', () => {
  it('passes the Rust kernel as it is, in one long-lived session', async () => {
    expect(ensureRustKernel(repoRoot)).toBeUndefined();
    const root = writeFixtureRoot([referenceFixture('a-lifecycle', lifecycleSteps('t1')), referenceFixture('b-lifecycle', lifecycleSteps('t2'))]);
    const result = await runParity({ fixturesRoot: root, repoRoot, implementations: [processImplementation(RUST_BINARY)], selectors: [], timeoutMs: 10_000, knownDivergences: [] });
    if (result.kind !== 'ran') throw new Error('refused');
    expect(result.cases.map((c) => c.status)).toEqual(['passed', 'passed']);
    expect(result.summaries[0]!.sessions).toBe(1);
    expect(result.failed).toBe(false);
  }, 60_000);

  it('reports one altered number at the right fixture, step, seq and path', async () => {
    expect(ensureRustKernel(repoRoot)).toBeUndefined();
    const a = referenceFixture('a-lifecycle', lifecycleSteps('t1'));
    const b = referenceFixture('b-lifecycle', lifecycleSteps('t2'));
    // Output lines: 1 hello; 2..6 fixture a (configure + 4 steps); 7 b's configure, 8 b step 0, 9 b step 1.
    const filtered = `node tests/harness/support/alter-filter.mjs 9 ${RUST_BINARY}`;
    const root = writeFixtureRoot([a, b]);
    const result = await runParity({ fixturesRoot: root, repoRoot, implementations: [processImplementation(filtered)], selectors: [], timeoutMs: 10_000, knownDivergences: [] });
    if (result.kind !== 'ran') throw new Error('refused');
    expect(result.cases.map((c) => c.status)).toEqual(['passed', 'diverged']);
    const verdict = result.cases[1]!.verdict;
    expect(verdict).toMatchObject({ status: 'diverged', step: 1, seq: 3, difference: { pointer: '/result/step', expected: 2, actual: 3 } });
    expect(result.failed).toBe(true);
  }, 60_000);
});
