import { describe, expect, it } from 'vitest';
import { canonicalize } from '../../src/canonical/index.js';
import { validate } from '../../src/contracts/index.js';
import { createKernel, SnapshotShapeError } from '../../src/kernel/index.js';
import type { ExecutionStepResult } from '../../generated/ts/types.js';
import { cancelIntent, config, enterIntent, ev, exitIntent } from './helpers.js';

type Step = (k: ReturnType<typeof createKernel>) => ExecutionStepResult;

const script: Step[] = [
  (k) => k.intent(enterIntent({ target_size: 4, exit_leg_ratios: [0.25, 0.25, 0.5] })),
  (k) => k.venueEvent(ev('ORDER_ACK', 'T1#1', { event_id: 'a1', ts: 11 })),
  (k) => k.venueEvent(ev('PARTIAL_FILL', 'T1#1', { event_id: 'f1', ts: 12, price: 100, size: 1 })),
  (k) => k.markPrice({ asset: 'BTC-USDT', price: 101, ts: 20 }),
  (k) => k.venueEvent(ev('FILL', 'T1#1', { event_id: 'f2', ts: 13, price: 102, size: 3 })),
  (k) => k.intent(exitIntent()),
  (k) => k.venueEvent(ev('FILL', 'T1#2', { event_id: 'f3', ts: 14, price: 110, size: 1 })),
  (k) => k.venueEvent(ev('FILL', 'T1#2', { event_id: 'f3', ts: 14, price: 110, size: 1 })),
  (k) => k.intent(exitIntent({ intent_id: 'x2' })),
  (k) => k.intent(cancelIntent()),
  (k) => k.venueEvent(ev('CANCEL_ACK', 'T1#3', { event_id: 'c1', ts: 15 })),
  (k) => k.accountEvent({ kind: 'FUNDING_FEE', seq: 1, ts: 30, asset: 'BTC-USDT', amount: 1.25 }),
  (k) => k.calibrateFee({ fill_price: 100, fill_size: 1, order_type: 'MARKET', actual_fee: 0.1 }),
  (k) => k.reconcile({ reconcile_id: 'R', ts: 40, slots: [{ slot_id: 1, trade_id: 'Z', asset: 'ETH', position: { side: 'SHORT', size: 1, entry_price: 5 } }] }),
];

function run(k: ReturnType<typeof createKernel>, steps: Step[]): string[] {
  return steps.map((s) => canonicalize(s(k)));
}

describe('snapshot and restore', () => {
  it('a snapshot is schema-valid and a restored kernel continues byte-identically', () => {
    for (let cut = 0; cut <= script.length; cut++) {
      const a = createKernel(config());
      run(a, script.slice(0, cut));
      const snap = a.snapshot();
      const checked = validate('CoreSnapshot', snap);
      expect(checked.ok).toBe(true);
      const b = createKernel(config({ slot_count: 1 }));
      b.restore(JSON.parse(canonicalize(snap)));
      expect(canonicalize(b.snapshot())).toBe(canonicalize(snap));
      expect(run(b, script.slice(cut))).toEqual(run(a, script.slice(cut)));
      expect(canonicalize(b.snapshot())).toBe(canonicalize(a.snapshot()));
    }
  });

  it('replaying the same input gives the same outputs and final snapshot', () => {
    const a = createKernel(config());
    const b = createKernel(config());
    expect(run(a, script)).toEqual(run(b, script));
    expect(canonicalize(a.snapshot())).toBe(canonicalize(b.snapshot()));
  });

  it('idempotency survives a restart: re-sending an applied fill after restore is DUPLICATE_EVENT', () => {
    const a = createKernel(config());
    run(a, script.slice(0, 3));
    const b = createKernel(config());
    b.restore(a.snapshot());
    const r = b.venueEvent(ev('PARTIAL_FILL', 'T1#1', { event_id: 'f1', ts: 12, price: 100, size: 1 }));
    expect(r.outcome.code).toBe('DUPLICATE_EVENT');
  });

  it('a snapshot is a copy: mutating it does not reach the kernel', () => {
    const a = createKernel(config());
    run(a, script.slice(0, 3));
    const before = canonicalize(a.snapshot());
    const s = a.snapshot();
    (s.slots[0] as { size: number }).size = 99;
    s.account.k_capital = 0;
    expect(canonicalize(a.snapshot())).toBe(before);
  });

  it('reset returns to the initial state of the configuration, step 0', () => {
    const a = createKernel(config());
    const fresh = canonicalize(a.snapshot());
    run(a, script);
    a.reset();
    expect(canonicalize(a.snapshot())).toBe(fresh);
  });

  it('restore refuses a snapshot whose slots disagree with slot_count, changing nothing', () => {
    const a = createKernel(config());
    const snap = a.snapshot();
    const before = canonicalize(snap);
    expect(() => a.restore({ ...snap, slots: snap.slots.slice(1) })).toThrow(SnapshotShapeError);
    const swapped = { ...snap, slots: [snap.slots[1], snap.slots[0], ...snap.slots.slice(2)] } as typeof snap;
    expect(() => a.restore(swapped)).toThrow(/slots\/0\/slot_id/);
    expect(canonicalize(a.snapshot())).toBe(before);
  });

  it('restore refuses an order numbered past orders_placed (its id would be given again), and only a number the kernel could give counts', () => {
    const a = createKernel(config());
    a.intent(enterIntent());
    const snap = a.snapshot();
    const named = (orderId: string) => ({ ...snap, slots: [{ ...snap.slots[0]!, entry_order: { ...snap.slots[0]!.entry_order!, order_id: orderId } }, ...snap.slots.slice(1)] });
    for (const past of ['T1#2', 'x#9007199254740992', 'T1#1#3', `T1#${'9'.repeat(17)}`]) {
      expect(() => a.restore(named(past)), past).toThrow(/slots\/0\/entry_order\/order_id/);
    }
    for (const fine of ['T1#1', 'T1#01', 'T1#0', 'T1#', 'T1#2x', 'venue-order']) expect(() => a.restore(named(fine)), fine).not.toThrow();
  });
});
