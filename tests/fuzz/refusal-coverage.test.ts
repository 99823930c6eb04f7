import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkReference } from '../../src/fuzz/fuzz-engine.js';
import { MatrixCoverage } from '../../src/fuzz/matrix-coverage.js';
import { RefusalCoverage, refusalKey, requiredRefusals, requiredStepRefusals } from '../../src/fuzz/refusal-coverage.js';
import { refusalLines } from '../../src/fuzz/refusal-report.js';
import { scenarioArbitrary } from '../../src/fuzz/scenario-arbitrary.js';

const refused = (op: string, code: string, details: Record<string, unknown>) => ({ op, seq: 5, result: { outcome: { accepted: false, code, details } } });

describe('refusal coverage', () => {
  it('keys kernel refusals by op, code and reason or field (indices dropped), protocol refusals by code', () => {
    expect(refusalKey(refused('reconcile', 'INVALID_SLOT_ID', { field: 'slots[2].slot_id', value: '7' }))).toBe('kernel reconcile INVALID_SLOT_ID slots[].slot_id');
    expect(refusalKey(refused('account_event', 'INVALID_EVENT', { field: 'account.k_capital', reason: 'AMOUNT_OUT_OF_RANGE' }))).toBe('kernel account_event INVALID_EVENT AMOUNT_OUT_OF_RANGE');
    expect(refusalKey(refused('account_event', 'DUPLICATE_EVENT', { seq: 3 }))).toBe('kernel account_event DUPLICATE_EVENT -');
    expect(refusalKey({ op: 'error', error: { code: 'INVALID_JSON' } })).toBe('protocol INVALID_JSON');
    expect(refusalKey({ op: 'intent', seq: 3, result: { outcome: { accepted: true, code: 'OVERFILL_CLAMPED', details: {} } } })).toBeUndefined();
  });

  it('a required refusal never produced fails coverage (planted: no calibration ratio refusal)', () => {
    const all = new RefusalCoverage();
    for (const key of requiredRefusals()) {
      const [, op, code, what] = key.split(' ');
      if (key.startsWith('protocol ')) all.add({ op: 'error', error: { code: op } });
      else all.add(refused(op === '*' ? 'intent' : op!, code!, what === '-' || what === undefined ? {} : what.includes('AMOUNT') ? { reason: what } : { field: what }));
    }
    expect(all.missed()).toEqual([]);
    const planted = new RefusalCoverage();
    planted.merge(Object.fromEntries(Object.entries(all.toJSON()).filter(([k]) => k !== 'kernel calibrate_fee INVALID_REQUEST ratio')));
    expect(planted.missed()).toEqual(['kernel calibrate_fee INVALID_REQUEST ratio']);
    expect(refusalLines(planted).join('\n')).toMatch(/coverage FAILED[\s\S]*never produced: kernel calibrate_fee INVALID_REQUEST ratio/);
  });

  it('generated scenarios (fixed seed) produce every required refusal, kernel and protocol, and no INTERNAL_ERROR', () => {
    const scenarios = [
      ...fc.sample(scenarioArbitrary('adversarial'), { seed: 42, numRuns: 300 }),
      ...fc.sample(scenarioArbitrary('invalid'), { seed: 42, numRuns: 100 }),
      ...fc.sample(scenarioArbitrary('realistic'), { seed: 42, numRuns: 100 }),
    ];
    const coverage = new MatrixCoverage();
    const checked = checkReference(scenarios, { coverage, skipKernelInvariants: true });
    expect(checked.failures.filter((f) => f !== undefined)).toEqual([]);
    expect(coverage.refusals.missed()).toEqual([]);
    expect(coverage.refusals.toJSON()['protocol INTERNAL_ERROR']).toBeUndefined();
    for (const key of requiredStepRefusals) expect(coverage.refusals.counts.get(key) ?? 0, key).toBeGreaterThan(0);
  }, 60_000);
});
