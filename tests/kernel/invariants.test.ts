import { describe, expect, it } from 'vitest';
import type { CoreSnapshot, ExecutionStepResult } from '../../generated/ts/types.js';
import { checkInvariants, createKernel, InvariantViolationError } from '../../src/kernel/index.js';
import { config, enterIntent, ev, openPosition, kernel } from './helpers.js';

function stepWith(mutate: (after: CoreSnapshot, r: ExecutionStepResult) => void) {
  const k = createKernel(config());
  k.intent(enterIntent());
  const before = k.snapshot();
  const r = k.venueEvent(ev('PARTIAL_FILL', 'T1#1', { size: 1 }));
  const after = k.snapshot();
  mutate(after, r);
  return checkInvariants(before, after, r).map((v) => v.name);
}

describe('the invariant checker', () => {
  it('finds nothing wrong with an honest step', () => {
    expect(stepWith(() => {})).toEqual([]);
  });

  it('names every planted violation', () => {
    expect(stepWith((_a, r) => r.outcome.transitions.push({ ...r.outcome.transitions[0]!, machine: 'SLOT', from: 'IDLE', to: 'CLOSED', trigger: 'FILL' } as never))).toContain('transition-is-matrix-cell');
    expect(stepWith((a) => { a.slots[0]!.entry_order!.filled_size = 5; })).toContain('filled-within-intended');
    expect(stepWith((a) => { a.slots[0]!.entry_order!.filled_size = -1; })).toContain('filled-never-decreases');
    expect(stepWith((a) => { a.slots[0]!.size = -1; })).toContain('open-size-non-negative');
    expect(stepWith((a) => { a.slots[1]!.size = 1; })).toContain('idle-and-closed-hold-nothing');
    expect(stepWith((a) => { a.slots[0]!.stage = 'POSITION_OPEN'; })).toContain('stage-matches-orders');
    expect(stepWith((a) => { a.slots[0]!.stage = 'POSITION_OPEN'; })).toContain('slot-transitions-chain');
    expect(stepWith((a) => { a.account.k_capital += 1; })).toContain('capital-identity');
    expect(stepWith((a) => { a.account.k_fees_paid += 1; })).toContain('capital-moves-by-fills');
    expect(stepWith((a) => { a.step += 1; })).toContain('step-counts-every-step');
    expect(stepWith((a) => { a.slots[0]!.seen_event_ids = Array.from({ length: 40 }, (_, i) => `x${i}`); })).toContain('seen-event-ids-bounded');
    expect(stepWith((_a, r) => { r.slots[0]!.size = 42; })).toContain('result-slots-are-state');
  });

  it('catches a refused step that changed something, and a terminal order that left terminal', () => {
    const k = createKernel(config());
    const before = k.snapshot();
    const r = k.intent(enterIntent({ target_size: 0 }));
    const after = k.snapshot();
    after.slots[0]!.fees_paid = 1;
    expect(checkInvariants(before, after, r).map((v) => v.name)).toContain('refused-step-changes-nothing');

    const t = kernel();
    openPosition(t);
    const b2 = t.k.snapshot();
    const r2 = t.k.markPrice({ asset: 'BTC-USDT', price: 1, ts: 1 });
    const a2 = t.k.snapshot();
    a2.slots[0]!.entry_order!.status = 'ACKED';
    expect(checkInvariants(b2, a2, r2).map((v) => v.name)).toContain('terminal-order-stays-terminal');
  });

  it('names the planted faults of the tightened rules (R4, R10, R11, R12, R14)', () => {
    const names = (run: (k: ReturnType<typeof createKernel>) => ExecutionStepResult, mutate: (after: CoreSnapshot, r: ExecutionStepResult) => void) => {
      const k = createKernel(config({ seen_event_ids_max: 4 }));
      k.intent(enterIntent());
      k.venueEvent(ev('PARTIAL_FILL', 'T1#1', { size: 0.5, event_id: 'p-1' }));
      const before = k.snapshot();
      const r = run(k);
      const after = k.snapshot();
      mutate(after, r);
      return checkInvariants(before, after, r).map((v) => v.name);
    };
    const fill = (k: ReturnType<typeof createKernel>) => k.venueEvent(ev('PARTIAL_FILL', 'T1#1', { size: 0.5 }));
    // R10: a live id forgotten (the old eviction), live ids without a live order.
    expect(names(fill, (a) => { a.slots[0]!.live_event_ids = a.slots[0]!.live_event_ids!.slice(1); })).toContain('live-event-ids-kept');
    expect(names(fill, (a) => { a.slots[0]!.seen_event_ids = ['a', 'b', 'c']; })).toContain('seen-event-ids-bounded');
    expect(names(fill, (a) => { a.slots[0]!.entry_order!.status = 'CANCELED'; })).toContain('live-event-ids-need-live-order');
    // R4: a short FILL reported as OK.
    const short = (k: ReturnType<typeof createKernel>) => k.venueEvent(ev('FILL', 'T1#1', { size: 0.5 }));
    expect(names(short, () => {})).toEqual([]);
    expect(names(short, (_a, r) => { r.outcome.code = 'OK'; })).toContain('short-fill-says-so');
    // R11: a late ack that moved something.
    const late = (k: ReturnType<typeof createKernel>) => k.venueEvent(ev('ORDER_ACK', 'T1#1'));
    expect(names(late, () => {})).toEqual([]);
    expect(names(late, (_a, r) => { r.outcome.transitions.push({ machine: 'SLOT', slot_id: 0, cause_id: 'x', trigger: 'ORDER_ACK', ts: 1, mode: 'backtest', from: 'ENTRY_WORKING', to: 'ENTRY_WORKING' }); })).toContain('late-ack-changes-nothing');
    // R12: a reconcile that changed a bookkeeping field without its record.
    const rec = (k: ReturnType<typeof createKernel>) => k.reconcile({ reconcile_id: 'R', ts: 1, slots: [{ slot_id: 0, trade_id: 'T1', asset: 'BTC-USDT' }] });
    expect(names(rec, () => {})).toEqual([]);
    expect(names(rec, (a, r) => { a.slots[0]!.orders_placed = 9; r.slots[0]!.orders_placed = 9; })).toContain('reconcile-audits-every-change');
    expect(names(rec, (_a, r) => { r.outcome.transitions = r.outcome.transitions.filter((t) => t.machine !== 'RECONCILE' || t.field !== 'live_event_ids'); })).toContain('reconcile-audits-every-change');
    // R14: gaps out of order or above event_seq.
    const acct = (k: ReturnType<typeof createKernel>) => k.accountEvent({ kind: 'FUNDING_FEE', seq: 5, ts: 1, asset: 'A', amount: 1 });
    expect(names(acct, () => {})).toEqual([]);
    expect(names(acct, (a) => { a.account.seq_gaps = [{ from: 3, to: 4 }, { from: 1, to: 2 }]; })).toContain('account-gaps-bounded');
    // Every reached state restores: an update seq inside a gap (seqs 1-4 are missing) is one no step writes.
    expect(names(acct, (a) => { a.account.e_update_seq = 2; })).toEqual(['snapshot-restorable']);
  });

  it('the debug switch makes a kernel throw on a violation (here: a corrupted restore)', () => {
    const k = createKernel(config(), { debugInvariants: true });
    const s = k.snapshot();
    s.account.k_capital += 1; // capital no longer seed + realised - fees - funding (restore does not recompute it)
    k.restore(s);
    expect(() => k.intent(enterIntent({ slot_id: 1 }))).toThrow(InvariantViolationError);
  });
});
