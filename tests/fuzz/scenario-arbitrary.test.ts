import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validate } from '../../src/contracts/index.js';
import { isValidRequestLine } from '../../src/protocol/valid-request-line.js';
import { MatrixCoverage } from '../../src/fuzz/matrix-coverage.js';
import { kernelInvariantViolations, applyRequest } from '../../src/fuzz/kernel-invariants.js';
import { scenarioArbitrary } from '../../src/fuzz/scenario-arbitrary.js';
import { generateScenario } from '../../src/fuzz/fuzz-run.js';
import { createKernel } from '../../src/kernel/index.js';
import type { Scenario } from '../../src/fuzz/scenario.js';

const sample = (level: 'realistic' | 'adversarial' | 'invalid', n: number, seed: number): Scenario[] => fc.sample(scenarioArbitrary(level), { seed, numRuns: n });

describe('scenario generators', () => {
  for (const level of ['realistic', 'adversarial', 'invalid'] as const) {
    it(`${level}: every request step is a valid ProtocolRequest with strictly increasing seqs, and the config is valid`, () => {
      for (const s of sample(level, 40, 7)) {
        expect(s.level).toBe(level);
        expect(validate('KernelConfig', s.config).ok).toBe(true);
        let last = 1;
        for (const step of s.steps) {
          if (step.kind !== 'request') continue;
          const checked = validate('ProtocolRequest', step.request);
          expect(checked.ok ? [] : checked.errors, JSON.stringify(step.request)).toEqual([]);
          expect(step.request.seq).toBeGreaterThan(last);
          last = step.request.seq;
        }
        expect(s.steps.filter((st) => st.kind === 'request').at(-1)).toMatchObject({ request: { op: 'snapshot' } });
      }
    });
  }

  it('invalid: every raw line is marked with a note and is not a valid request', () => {
    let raw = 0;
    for (const s of sample('invalid', 60, 3)) {
      for (const step of s.steps) {
        if (step.kind !== 'raw') continue;
        raw += 1;
        expect(step.note).toMatch(/^[a-z0-9-]+: /);
        expect(isValidRequestLine(Buffer.from(step.base64, 'base64'))).toBe(false);
        expect(Buffer.from(step.base64, 'base64').includes(0x0a)).toBe(false);
      }
    }
    expect(raw).toBeGreaterThan(60);
  });

  it('is deterministic from the seed', () => {
    expect(generateScenario('all', 99)).toEqual(generateScenario('all', 99));
    expect(generateScenario('all', 99)).not.toEqual(generateScenario('all', 100));
  });

  it('realistic scenarios drive slots through their whole lifecycle', () => {
    const coverage = new MatrixCoverage();
    for (const s of sample('realistic', 150, 11)) {
      const kernel = createKernel(s.config);
      for (const step of s.steps) if (step.kind === 'request') coverage.addResult(applyRequest(kernel, step.request));
    }
    const slot = coverage.hits.slot;
    for (const cell of ['IDLE -ENTER-> ORDER_REQUESTED', 'ORDER_REQUESTED -ORDER_ACK-> ENTRY_WORKING', 'ENTRY_WORKING -FILL-> POSITION_OPEN', 'POSITION_OPEN -EXIT-> EXIT_REQUESTED', 'EXIT_WORKING -FILL-> CLOSED', 'CLOSED -ENTER-> ORDER_REQUESTED']) {
      expect(slot.get(cell) ?? 0, cell).toBeGreaterThan(0);
    }
    expect(coverage.illegal('slot')).toEqual([]);
    expect(coverage.illegal('order')).toEqual([]);
  });

  it('the in-process engine keeps its invariants on generated scenarios', () => {
    for (const s of [...sample('realistic', 30, 5), ...sample('adversarial', 30, 5)]) expect(kernelInvariantViolations(s)).toEqual([]);
  });
});
