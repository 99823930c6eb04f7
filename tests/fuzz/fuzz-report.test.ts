import { describe, expect, it } from 'vitest';
import { failed, formatReport, mergeReports, type FuzzReport } from '../../src/fuzz/fuzz-report.js';
import { scenarioSeed } from '../../src/fuzz/fuzz-run.js';

const report = (index: number, over: Partial<FuzzReport> = {}): FuzzReport => ({
  report_version: 1, shard: { index, count: 2 }, seed: 5, level: 'all', implementations: ['rust'], scenarios: 10, steps: 400,
  regressions_run: 1, elapsed_ms: 1000 + index, divergences: 0, invariant_violations: 0, crashes: 0, failures: [],
  coverage: { slot: { 'IDLE -ENTER-> ORDER_REQUESTED': 3 }, order: index === 1 ? { 'NEW -ORDER_ACK-> ACKED': 2 } : {} }, timings_ms: { generation: 10 },
  ...over,
});

describe('fuzz shards and reports', () => {
  it('shards take disjoint seeds whose union is the unsharded run', () => {
    const one = Array.from({ length: 12 }, (_, k) => scenarioSeed(100, k, { index: 0, count: 1 }));
    const three = [0, 1, 2].flatMap((i) => Array.from({ length: 4 }, (_, k) => scenarioSeed(100, k, { index: i, count: 3 })));
    expect(new Set(three).size).toBe(12);
    expect([...three].sort((a, b) => a - b)).toEqual(one);
    expect(scenarioSeed(2 ** 31 - 1, 1, { index: 0, count: 1 })).toBe(0);
  });

  it('merges shard reports: sums, slowest wall time, union of coverage', () => {
    const merged = mergeReports([report(0), report(1, { divergences: 1, failures: [{ seed: 9, level: 'all', kind: 'divergence', implementation: 'rust', summary: 'x', repro: 'pnpm fuzz --seed 9 --runs 1' }] })]);
    expect(merged).toMatchObject({ scenarios: 20, steps: 800, elapsed_ms: 1001, divergences: 1 });
    expect(merged.coverage.slot['IDLE -ENTER-> ORDER_REQUESTED']).toBe(6);
    expect(merged.coverage.order['NEW -ORDER_ACK-> ACKED']).toBe(2);
    expect(failed(merged)).toBe(true);
    const text = formatReport(merged);
    expect(text).toMatch(/slot matrix cells: 1\/\d+ legal cells hit/);
    expect(text).toContain('missed: CLOSED -ENTER-> ORDER_REQUESTED');
    expect(text).toContain('repro: pnpm fuzz --seed 9 --runs 1');
    expect(() => mergeReports([])).toThrow(/no shard reports/);
  });
});

describe('failure signatures', () => {
  it('ignore steps and values, keep the implementation, kind and path', async () => {
    const { failureSignature } = await import('../../src/fuzz/fuzz-engine.js');
    const a = failureSignature({ kind: 'divergence', implementation: 'rust', step: 3, summary: 'step 3 (seq 5) at /result/slots/0/size: expected 1, got 2' });
    const b = failureSignature({ kind: 'divergence', implementation: 'rust', step: 9, summary: 'step 9 (seq 11) at /result/slots/0/size: expected 0.5, got 7' });
    const c = failureSignature({ kind: 'divergence', implementation: 'rust', step: 9, summary: 'step 9 (seq 11) at /result/step: expected 1, got 2' });
    const d = failureSignature({ kind: 'divergence', implementation: 'other', step: 3, summary: 'step 3 (seq 5) at /result/slots/0/size: expected 1, got 2' });
    expect(a).toBe(b);
    expect(new Set([a, c, d]).size).toBe(3);
    const i1 = failureSignature({ kind: 'invariant', implementation: 'ts-in-process', step: 1, summary: 'kernel: terminal-order-stays-terminal: slot 0: order t0-1#1 left CANCELED for NEW' });
    const i2 = failureSignature({ kind: 'invariant', implementation: 'ts-in-process', step: 4, summary: 'kernel: terminal-order-stays-terminal: slot 2: order t2-9#1 left REJECTED for NEW' });
    expect(i1).toBe(i2);
  });
});

describe('failure signatures of unserialisable states', () => {
  it('name the pointer, not the step that tripped over it', async () => {
    const { failureSignature } = await import('../../src/fuzz/fuzz-engine.js');
    const at = (op: string, what: string) => failureSignature({ kind: 'invariant', implementation: 'ts-in-process', step: 1, summary: `state-serialisable: after ${op}: cannot canonicalize: ${what} at pointer "/account/fee_ratio_ema"` });
    expect(at('intent', 'an infinite number')).toBe(at('venue_event', 'an integer beyond 2^53-1'));
  });
});
