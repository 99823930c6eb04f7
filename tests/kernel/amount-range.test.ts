// Steps whose amounts would leave the ledger range (|x| <= 1e15, the schemas' Amount) are
// refused, naming the field, and change nothing.
import { describe, expect, it } from 'vitest';
import { enterIntent, ev, expectRefused, kernel, slot0, valid } from './helpers.js';

describe('the ledger range', () => {
  it('refuses a fill whose fee would leave the range (INVALID_EVENT, fees_paid)', () => {
    const t = kernel();
    t.intent(enterIntent({ target_size: 1e12 }));
    const r = expectRefused(t, () => t.event(ev('FILL', 'T1#1', { price: 1e12, size: 1e12 })), 'INVALID_EVENT');
    expect(r.outcome.details).toEqual({ field: 'fees_paid', value: '1e+21', reason: 'AMOUNT_OUT_OF_RANGE' });
    expect(slot0(r).stage).toBe('ORDER_REQUESTED');
  });

  it('refuses a mark that would value a position beyond the range (INVALID_REQUEST, unrealized_pnl)', () => {
    const t = kernel();
    t.intent(enterIntent({ target_size: 1e6 }));
    t.event(ev('FILL', 'T1#1', { price: 1, size: 1e6 }));
    const r = expectRefused(t, () => valid(t.k.markPrice({ asset: 'BTC-USDT', price: 1e12, ts: 1 })), 'INVALID_REQUEST');
    expect(r.outcome.details).toMatchObject({ field: 'unrealized_pnl', reason: 'AMOUNT_OUT_OF_RANGE' });
    expect(r.slots).toEqual([]);
  });

  it('refuses an account event that would take K beyond the range (account.k_funding_paid)', () => {
    const t = kernel();
    t.account({ kind: 'FUNDING_FEE', seq: 1, ts: 1, asset: 'A', amount: 1e15 });
    const r = expectRefused(t, () => t.account({ kind: 'FUNDING_FEE', seq: 2, ts: 1, asset: 'A', amount: 1e15 }), 'INVALID_EVENT');
    expect(r.outcome.details).toEqual({ field: 'account.k_funding_paid', value: '2000000000000000', reason: 'AMOUNT_OUT_OF_RANGE' });
  });

  it('refuses a reconcile whose revaluation would leave the range, changing no slot', () => {
    const t = kernel();
    t.intent(enterIntent({ target_size: 1 }));
    t.event(ev('FILL', 'T1#1', { price: 1, size: 1 }));
    valid(t.k.markPrice({ asset: 'BTC-USDT', price: 1e12, ts: 1 }));
    const r = expectRefused(t, () => valid(t.k.reconcile({ reconcile_id: 'R', ts: 1, slots: [{ slot_id: 1, trade_id: 'X', asset: 'B' }, { slot_id: 0, trade_id: 'T1', asset: 'BTC-USDT', position: { side: 'SHORT', size: 1e12, entry_price: 1 } }] })), 'INVALID_REQUEST');
    expect(r.outcome.details).toMatchObject({ field: 'unrealized_pnl', reason: 'AMOUNT_OUT_OF_RANGE' });
  });
});
