import { describe, expect, it } from 'vitest';
import { rustImplementation } from '../../src/harness/builtin-implementations.js';
import { REFERENCE_NAME, type Implementation } from '../../src/harness/implementation.js';
import { formatRun } from '../../src/harness/parity-report.js';
import { runParity } from '../../src/harness/parity-run.js';
import { createReferenceSession } from '../../src/harness/reference-session.js';
import { referenceStatus, targetStatus } from '../../src/harness/three-way-verdict.js';
import type { FixtureVerdict } from '../../src/harness/fixture-verdict.js';
import { lifecycleSteps, referenceFixture } from './support/reference-fixtures.js';
import { writeFixtureRoot } from './support/temp-fixtures.js';

/**
 * A reference with a planted regression: the fee of every fill answer doubled, as a TS bug in
 * the fill arithmetic would do. The Rust kernel is untouched, so it still gives the goldens.
 */
const buggyReference: Implementation = {
  name: REFERENCE_NAME,
  kind: 'in-process',
  createSession: () => {
    const session = createReferenceSession();
    return {
      answer: (line) =>
        session.answer(line).map((text) => text.replace(/"fees_paid":([0-9.e+-]+)/g, (_, n: string) => `"fees_paid":${Number(n) * 2 + 1}`)),
    };
  },
};

const passed: FixtureVerdict = { status: 'passed' };
const diverged: FixtureVerdict = { status: 'diverged', step: 0, seq: 2, difference: { pointer: '/x', expected: 1, actual: 2 }, baseline: 'reference' };

describe('three-way verdicts (golden, reference, target)', () => {
  it('calls a target that left the reference but keeps the golden "reference-changed", never "diverged"', () => {
    expect(targetStatus({ againstReference: diverged, againstGolden: passed, referenceMatchesGolden: false })).toBe('reference-changed');
    expect(targetStatus({ againstReference: diverged, againstGolden: diverged, referenceMatchesGolden: false })).toBe('diverged');
    expect(targetStatus({ againstReference: diverged, againstGolden: undefined, referenceMatchesGolden: undefined })).toBe('diverged');
    expect(targetStatus({ againstReference: passed, againstGolden: undefined, referenceMatchesGolden: false })).toBe('passed');
    expect(referenceStatus(diverged, true)).toBe('reference-changed');
    expect(referenceStatus(diverged, false)).toBe('golden-stale');
    expect(referenceStatus(passed, true)).toBe('passed');
  });

  it('reports a planted TS regression as the reference changing, with Rust still matching its golden', async () => {
    const root = writeFixtureRoot([referenceFixture('a-lifecycle', lifecycleSteps('t1'))]);
    const result = await runParity({
      fixturesRoot: root,
      repoRoot: process.cwd(),
      implementations: [buggyReference, rustImplementation],
      selectors: [],
      timeoutMs: 10_000,
      knownDivergences: [],
    });
    if (result.kind !== 'ran') throw new Error('refused');
    const byCase = result.cases.map((c) => `${c.implementation}/${c.status}`);
    expect(byCase).toEqual(['ts-in-process/reference-changed', 'rust/reference-changed']);
    expect(result.failed).toBe(true);
    const text = formatRun(result, true);
    expect(text).toContain('rust: a-lifecycle');
    expect(text).toContain('REFERENCE CHANGED (this implementation still gives the golden answers');
    expect(text).toContain('do not refill the goldens');
    expect(text).not.toContain('GOLDEN STALE');
    expect(text).not.toContain('DIVERGED');
  }, 60_000);
});
