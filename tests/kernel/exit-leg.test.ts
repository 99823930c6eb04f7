import { describe, expect, it } from 'vitest';
import { enterIntent, ev, expectRefused, exitIntent, kernel, openPosition, slot0 } from './helpers.js';

describe('R5 EXIT legs', () => {
  it('the first leg is initial_size * ratio; exit orders are opposite side and reduce-only', () => {
    const t = kernel();
    openPosition(t, { exit_leg_ratios: [0.25, 0.25] , target_size: 4 });
    const r = t.intent(exitIntent());
    expect(r.actions).toEqual([
      { type: 'PLACE_ORDER', slot_id: 0, trade_id: 'T1', order_id: 'T1#2', role: 'EXIT', asset: 'BTC-USDT', order_side: 'SELL', order_type: 'MARKET', size: 1, reduce_only: true },
    ]);
    expect(slot0(r)).toMatchObject({ stage: 'EXIT_REQUESTED', orders_placed: 2 });
    expect(slot0(r).exit_order).toMatchObject({ intended_size: 1, position_before: 4, status: 'NEW', role: 'EXIT' });
  });

  it('legs advance on complete exit fills and the last leg takes all that remains', () => {
    const t = kernel();
    openPosition(t, { exit_leg_ratios: [0.25, 0.25], target_size: 4 });
    t.intent(exitIntent());
    const first = t.event(ev('FILL', 'T1#2', { price: 110, size: 1 }));
    expect(slot0(first)).toMatchObject({ stage: 'POSITION_OPEN', size: 3, active_leg_index: 1 });
    const r = t.intent(exitIntent({ intent_id: 'x2' }));
    expect(r.actions[0]).toMatchObject({ order_id: 'T1#3', size: 3 });
    const done = t.event(ev('FILL', 'T1#3', { price: 90, size: 3 }));
    expect(slot0(done)).toMatchObject({ stage: 'CLOSED', size: 0, unrealized_pnl: 0 });
  });

  it('a leg larger than the open size is clamped (EXIT_SIZE_CLAMPED, accepted)', () => {
    const t = kernel();
    t.intent(enterIntent({ target_size: 4, exit_leg_ratios: [0.75, 0.25] }));
    t.event(ev('PARTIAL_FILL', 'T1#1', { size: 2 }));
    t.intent({ action: 'CANCEL', intent_id: 'c', ts: 3, slot_id: 0, trade_id: 'T1' });
    t.event(ev('CANCEL_ACK', 'T1#1'));
    // initial_size = 2 now; force a clamp by exiting part and cancelling: leg 0 = 1.5 <= 2, fine;
    // after an exit that filled 1 and was cancelled, the next leg (index 0 again) 1.5 > 1.
    t.intent(exitIntent());
    t.event(ev('PARTIAL_FILL', 'T1#2', { size: 1 }));
    t.intent({ action: 'CANCEL', intent_id: 'c2', ts: 4, slot_id: 0, trade_id: 'T1' });
    t.event(ev('CANCEL_ACK', 'T1#2'));
    const r = t.intent(exitIntent({ intent_id: 'x3' }));
    expect(r.outcome).toMatchObject({ accepted: true, code: 'EXIT_SIZE_CLAMPED', severity: 'WARNING', details: { requested_size: 1.5, clamped_size: 1 } });
    expect(r.actions[0]).toMatchObject({ size: 1 });
  });

  it('EXIT from any stage but POSITION_OPEN is ILLEGAL_TRANSITION; EXIT on CLOSED too', () => {
    const t = kernel();
    expect(expectRefused(t, () => t.intent(exitIntent()), 'ILLEGAL_TRANSITION').outcome.details).toEqual({ stage: 'IDLE' });
    t.intent(enterIntent());
    expectRefused(t, () => t.intent(exitIntent()), 'ILLEGAL_TRANSITION');
    const u = kernel();
    openPosition(u, { exit_leg_ratios: [1] });
    u.intent(exitIntent());
    u.event(ev('FILL', 'T1#2', { size: 2 }));
    expect(expectRefused(u, () => u.intent(exitIntent()), 'ILLEGAL_TRANSITION').outcome.details).toEqual({ stage: 'CLOSED' });
  });

  it('EXIT with another trade id is TRADE_ID_MISMATCH; LIMIT exit needs a price', () => {
    const t = kernel();
    openPosition(t);
    expectRefused(t, () => t.intent(exitIntent({ trade_id: 'T2' })), 'TRADE_ID_MISMATCH');
    const r = expectRefused(t, () => t.intent(exitIntent({ order_type: 'LIMIT' })), 'INVALID_INTENT');
    expect(r.outcome.details).toEqual({ field: 'limit_price', reason: 'LIMIT_PRICE_REQUIRED' });
    expect(expectRefused(t, () => t.intent(exitIntent({ order_type: 'LIMIT', limit_price: 0 })), 'INVALID_INTENT').outcome.details).toEqual({ field: 'limit_price', value: '0' });
  });
});

describe('R6 exit fills: PnL and fees', () => {
  it('LONG PnL is (price - entry) * size, never times leverage; fees per fill', () => {
    const t = kernel();
    openPosition(t, { leverage: 50, exit_leg_ratios: [1] });
    t.intent(exitIntent({ order_type: 'LIMIT', limit_price: 110 }));
    const r = t.event(ev('PARTIAL_FILL', 'T1#2', { price: 110, size: 0.5 }));
    const s = slot0(r);
    expect(s.realized_pnl).toBe(1 * (110 - 100) * 0.5);
    expect(s.fees_paid).toBe(100 * 2 * 0.001 + 110 * 0.5 * 0.0002);
    expect(s).toMatchObject({ stage: 'EXIT_WORKING', size: 1.5 });
    const a = t.k.snapshot().account;
    expect(a.k_realized_pnl).toBe(5);
    expect(a.k_capital).toBe(10_000 + a.k_realized_pnl - a.k_fees_paid - a.k_funding_paid);
  });

  it('SHORT PnL is -(price - entry) * size', () => {
    const t = kernel();
    openPosition(t, { side: 'SHORT', exit_leg_ratios: [1] });
    const x = t.intent(exitIntent());
    expect(x.actions[0]).toMatchObject({ order_side: 'BUY' });
    const r = t.event(ev('FILL', 'T1#2', { price: 90, size: 2 }));
    expect(slot0(r).realized_pnl).toBe(-1 * (90 - 100) * 2);
    expect(slot0(r).stage).toBe('CLOSED');
  });
});
