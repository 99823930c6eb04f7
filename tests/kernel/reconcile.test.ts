import { describe, expect, it } from 'vitest';
import { cancelIntent, enterIntent, ev, expectRefused, exitIntent, kernel, openPosition, valid } from './helpers.js';

describe('R12 reconcile', () => {
  it('adopts a flat truth: cancels live orders, audits every changed field, frees the slot', () => {
    const t = kernel();
    t.intent(enterIntent());
    t.event(ev('PARTIAL_FILL', 'T1#1', { price: 100, size: 0.5 }));
    const r = valid(t.k.reconcile({ reconcile_id: 'R1', ts: 50, slots: [{ slot_id: 0, trade_id: 'T1', asset: 'BTC-USDT' }] }));
    expect(r.outcome).toMatchObject({ accepted: true, code: 'RECONCILED', severity: 'INFO' });
    expect(r.outcome.transitions).toEqual([
      { machine: 'ORDER', slot_id: 0, cause_id: 'R1', trigger: 'RECONCILE', ts: 50, mode: 'backtest', trade_id: 'T1', order_id: 'T1#1', role: 'ENTRY', from: 'PARTIALLY_FILLED', to: 'CANCELED', filled_size: 0.5 },
      // The bookkeeping is audited too: the live order ended, so its event ids become evictable.
      { machine: 'RECONCILE', slot_id: 0, cause_id: 'R1', trigger: 'RECONCILE', ts: 50, mode: 'backtest', field: 'seen_event_ids', before: '0', after: '1' },
      { machine: 'RECONCILE', slot_id: 0, cause_id: 'R1', trigger: 'RECONCILE', ts: 50, mode: 'backtest', field: 'live_event_ids', before: '1', after: '0' },
      { machine: 'RECONCILE', slot_id: 0, cause_id: 'R1', trigger: 'RECONCILE', ts: 50, mode: 'backtest', field: 'size', before: '0.5', after: '0' },
      { machine: 'RECONCILE', slot_id: 0, cause_id: 'R1', trigger: 'RECONCILE', ts: 50, mode: 'backtest', field: 'entry_price', before: '100', after: '0' },
      { machine: 'SLOT', slot_id: 0, cause_id: 'R1', trigger: 'RECONCILE', ts: 50, mode: 'backtest', trade_id: 'T1', from: 'ENTRY_WORKING', to: 'IDLE' },
    ]);
  });

  it('adopts a position: trade, asset, side, size, entry, initial size, leg; stale slots leave STALE', () => {
    const t = kernel();
    t.intent(enterIntent());
    t.intent(cancelIntent());
    t.event(ev('CANCEL_ACK', 'T1#1'));
    t.event(ev('FILL', 'T1#1'));
    t.k.markPrice({ asset: 'ETH', price: 1, ts: 1 });
    const r = valid(t.k.reconcile({ reconcile_id: 'R2', ts: 60, slots: [{ slot_id: 0, trade_id: 'T7', asset: 'ETH', position: { side: 'SHORT', size: 3, entry_price: 20 } }] }));
    const fields = r.outcome.transitions.filter((x) => x.machine === 'RECONCILE').map((x) => (x.machine === 'RECONCILE' ? `${x.field}:${x.before}->${x.after}` : ''));
    expect(fields).toEqual(['trade_id:"T1"->"T7"', 'seen_event_ids:2->0', 'asset:"BTC-USDT"->"ETH"', 'side:"LONG"->"SHORT"', 'size:0->3', 'entry_price:0->20', 'initial_size:0->3']);
    const s = r.slots[0];
    expect(s).toMatchObject({ stage: 'POSITION_OPEN', trade_id: 'T7', seen_event_ids: [], orders_placed: 1 });
    expect(r.outcome.transitions.at(-1)).toMatchObject({ machine: 'SLOT', from: 'STALE_STATE_RECONCILING', to: 'POSITION_OPEN', trade_id: 'T7' });
    // The reconciled position trades on: the first leg is half of the adopted initial size 3,
    // and its order is the slot's second (T1#1 was the first): the counter is never reset.
    expect(t.intent(exitIntent({ trade_id: 'T7' })).actions[0]).toMatchObject({ order_id: 'T7#2', size: 1.5 });
  });

  it('a trade adopted again (A, B, then A) names its orders past every order of the slot: no order id twice', () => {
    const t = kernel();
    t.intent(enterIntent());
    valid(t.k.reconcile({ reconcile_id: 'R1', ts: 50, slots: [{ slot_id: 0, trade_id: 'T9', asset: 'BTC-USDT' }] }));
    const back = valid(t.k.reconcile({ reconcile_id: 'R2', ts: 60, slots: [{ slot_id: 0, trade_id: 'T1', asset: 'BTC-USDT', position: { side: 'LONG', size: 1, entry_price: 100 } }] }));
    const fields = back.outcome.transitions.filter((x) => x.machine === 'RECONCILE').map((x) => (x.machine === 'RECONCILE' ? `${x.field}:${x.before}->${x.after}` : ''));
    // Reconcile never touches the counter (it is 1 since T1#1), so it is not in the trail.
    expect(fields).not.toContainEqual(expect.stringMatching(/^orders_placed:/));
    expect(fields[0]).toBe('trade_id:"T9"->"T1"');
    expect(back.slots[0]).toMatchObject({ orders_placed: 1, entry_order: { order_id: 'T1#1', status: 'CANCELED' } });
    expect(t.intent(exitIntent()).actions[0]).toMatchObject({ order_id: 'T1#2' });
  });

  it('recomputes unrealized PnL from the mark and reports nothing when nothing changed', () => {
    const t = kernel();
    openPosition(t);
    t.k.markPrice({ asset: 'BTC-USDT', price: 110, ts: 5 });
    const same = valid(t.k.reconcile({ reconcile_id: 'R3', ts: 6, slots: [{ slot_id: 0, trade_id: 'T1', asset: 'BTC-USDT', position: { side: 'LONG', size: 2, entry_price: 100 } }] }));
    expect(same.outcome).toMatchObject({ code: 'RECONCILED', transitions: [] });
    const moved = valid(t.k.reconcile({ reconcile_id: 'R4', ts: 7, slots: [{ slot_id: 0, trade_id: 'T1', asset: 'BTC-USDT', position: { side: 'LONG', size: 1, entry_price: 100 } }] }));
    expect(moved.outcome.transitions.map((x) => (x.machine === 'RECONCILE' ? x.field : x.machine))).toEqual(['size', 'initial_size', 'unrealized_pnl']);
    expect(moved.slots[0]?.unrealized_pnl).toBe(10);
  });

  it('refuses out-of-range and repeated slot ids and bad positions, changing nothing', () => {
    const t = kernel();
    openPosition(t);
    t.intent(exitIntent());
    const bad = expectRefused(t, () => t.k.reconcile({ reconcile_id: 'R', ts: 1, slots: [{ slot_id: 0, trade_id: 'T1', asset: 'A' }, { slot_id: 0, trade_id: 'T1', asset: 'A' }, { slot_id: 9, trade_id: 'T', asset: 'A' }] }), 'INVALID_SLOT_ID');
    expect(bad.outcome.details).toEqual({ field: 'slots[2].slot_id', value: '9' });
    expect(bad.slots).toEqual([]);
    const dup = expectRefused(t, () => t.k.reconcile({ reconcile_id: 'R', ts: 1, slots: [{ slot_id: 1, trade_id: 'T1', asset: 'A' }, { slot_id: 1, trade_id: 'T1', asset: 'A' }] }), 'INVALID_REQUEST');
    expect(dup.outcome.details).toEqual({ field: 'slots[1].slot_id', value: '1' });
    const neg = expectRefused(t, () => t.k.reconcile({ reconcile_id: 'R', ts: 1, slots: [{ slot_id: 1, trade_id: 'T1', asset: 'A', position: { side: 'LONG', size: -1, entry_price: 1 } }] }), 'INVALID_REQUEST');
    expect(neg.outcome.details).toEqual({ field: 'slots[0].position.size', value: '-1' });
  });

  it('reconciles several slots in the order given, results in slot_id order', () => {
    const t = kernel();
    t.intent(enterIntent({ slot_id: 2, trade_id: 'A' }));
    t.intent(enterIntent({ slot_id: 1, trade_id: 'B' }));
    const r = valid(t.k.reconcile({ reconcile_id: 'R', ts: 1, slots: [{ slot_id: 2, trade_id: 'A', asset: 'BTC-USDT' }, { slot_id: 1, trade_id: 'B', asset: 'BTC-USDT' }] }));
    expect(r.outcome.transitions.map((x) => x.slot_id)).toEqual([2, 2, 1, 1]);
    expect(r.slots.map((s) => s.slot_id)).toEqual([1, 2]);
  });
});
