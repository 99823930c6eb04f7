/**
 * The state invariants watched on the reference session's own kernel (`KernelInvariantWatch`)
 * find what the separate replay finds: nothing on generated scenarios, and a planted fault (a
 * kernel whose state after a step does not count the step) at the step where it was planted;
 * a line it cannot judge (an INTERNAL_ERROR) hands the scenario to the replay.
 */
import { describe, expect, it } from 'vitest';
import type { ProtocolResponse } from '../../generated/ts/types.js';
import { checkReference } from '../../src/fuzz/fuzz-engine.js';
import { generateScenario, scenarioSeed } from '../../src/fuzz/fuzz-run.js';
import { KernelInvariantWatch, kernelInvariantViolations } from '../../src/fuzz/kernel-invariants.js';
import { answerReference } from '../../src/fuzz/reference-answers.js';
import { scenarioFixture } from '../../src/fuzz/scenario-fixture.js';
import { placeFixture } from '../../src/harness/session-frame.js';

const scenarios = (level: 'realistic' | 'adversarial' | 'invalid', n: number) =>
  Array.from({ length: n }, (_, k) => generateScenario(level, scenarioSeed(31, k, { index: 0, count: 1 }), { maxCommands: 40 }));

describe('kernel invariant watch', () => {
  it('agrees with the replay on generated scenarios of every level (no violation)', () => {
    for (const level of ['realistic', 'adversarial', 'invalid'] as const) {
      const batch = scenarios(level, 15);
      const checked = checkReference(batch, {});
      expect(checked.failures.filter((f) => f !== undefined)).toEqual([]);
      for (const s of batch) expect(kernelInvariantViolations(s)).toEqual([]);
    }
  });

  it('finds a planted fault at its step: the state after a step that does not count it', () => {
    const s = generateScenario('realistic', 12, { minCommands: 20, maxCommands: 20 });
    const fixture = scenarioFixture(s, { name: 'planted' });
    const watch = new KernelInvariantWatch();
    let plantedAt: number | undefined;
    answerReference({ loaded: { file: 'planted', fixture }, placement: placeFixture(fixture) }, {
      beforeLine: (session) => watch.beforeLine(session.currentKernel),
      answer: (_index, step, response, written, session) => {
        const kernel = session.currentKernel;
        if (plantedAt === undefined && step >= 5 && kernel !== undefined && 'result' in (response as object)) {
          plantedAt = step;
          const real = kernel.snapshot.bind(kernel);
          kernel.snapshot = () => ({ ...real(), step: real().step - 1 });
        }
        watch.afterAnswer(step, response as ProtocolResponse, written, kernel);
      },
    });
    expect(plantedAt).toBeDefined();
    expect(watch.needsReplay).toBe(false);
    expect(watch.violations[0]).toMatchObject({ step: plantedAt, invariant: 'kernel' });
    expect(watch.violations[0]!.detail).toMatch(/^step-counts-every-step/);
  });

  it('leaves a line answered with INTERNAL_ERROR to the replay', () => {
    const watch = new KernelInvariantWatch();
    const internal = { op: 'error', seq: 4, error: { code: 'INTERNAL_ERROR', category: 'internal', line: 5, path: '', message: 'kernel threw' } } as unknown as ProtocolResponse;
    watch.afterAnswer(2, internal, true, undefined);
    expect(watch.needsReplay).toBe(true);
    expect(watch.violations).toEqual([]);
  });
});
