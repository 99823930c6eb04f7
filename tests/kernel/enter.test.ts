import { describe, expect, it } from 'vitest';
import { SAFE_INTEGER_MAX } from '../../src/protocol/limits.js';
import { accountUpdate, config, enterIntent, ev, expectRefused, kernel, openPosition, slot0 } from './helpers.js';

describe('R1 validation of ENTER (nothing mutated on refusal)', () => {
  const cases: Array<[string, Record<string, unknown>, string, string]> = [
    ['NaN target_size', { target_size: Number.NaN }, 'target_size', 'NaN'],
    ['Infinity target_size', { target_size: Number.POSITIVE_INFINITY }, 'target_size', 'Infinity'],
    ['-0 target_size', { target_size: -0 }, 'target_size', '0'],
    ['zero target_size', { target_size: 0 }, 'target_size', '0'],
    ['negative target_size', { target_size: -1 }, 'target_size', '-1'],
    ['negative limit_price', { order_type: 'LIMIT', limit_price: -5 }, 'limit_price', '-5'],
    ['zero leverage', { leverage: 0 }, 'leverage', '0'],
    ['NaN leverage', { leverage: Number.NaN }, 'leverage', 'NaN'],
    ['ratio of zero', { exit_leg_ratios: [0.5, 0] }, 'exit_leg_ratios[1]', '0'],
    ['ratio above one', { exit_leg_ratios: [1.5] }, 'exit_leg_ratios[0]', '1.5'],
    ['ratio NaN', { exit_leg_ratios: [Number.NaN] }, 'exit_leg_ratios[0]', 'NaN'],
    ['ratios summing past 1', { exit_leg_ratios: [0.6, 0.6] }, 'exit_leg_ratios', '1.2'],
  ];
  for (const [name, over, field, value] of cases) {
    it(`refuses ${name} with INVALID_INTENT naming ${field}`, () => {
      const t = kernel();
      const r = expectRefused(t, () => t.intent(enterIntent(over)), 'INVALID_INTENT');
      expect(r.outcome.details).toEqual({ field, value });
      expect(r.outcome.severity).toBe('WARNING');
      expect(r.step).toBe(1);
    });
  }

  it('accepts ratios summing to 1 within 1e-12', () => {
    const t = kernel();
    const r = t.intent(enterIntent({ exit_leg_ratios: [0.1, 0.2, 0.3, 0.4 + 5e-13] }));
    expect(r.outcome.code).toBe('OK');
  });

  it('checks target_size before leverage (schema field order)', () => {
    const t = kernel();
    const r = t.intent(enterIntent({ target_size: 0, leverage: 0 }));
    expect(r.outcome.details.field).toBe('target_size');
  });

  it('LIMIT without a limit price is refused (LIMIT_PRICE_REQUIRED)', () => {
    const t = kernel();
    const r = expectRefused(t, () => t.intent(enterIntent({ order_type: 'LIMIT' })), 'INVALID_INTENT');
    expect(r.outcome.details).toEqual({ field: 'limit_price', reason: 'LIMIT_PRICE_REQUIRED' });
  });

  it('MARKET with a limit price is refused (LIMIT_PRICE_FORBIDDEN)', () => {
    const t = kernel();
    const r = expectRefused(t, () => t.intent(enterIntent({ limit_price: 100 })), 'INVALID_INTENT');
    expect(r.outcome.details).toEqual({ field: 'limit_price', reason: 'LIMIT_PRICE_FORBIDDEN' });
  });

  for (const slot_id of [-1, 4, 1.5, Number.NaN]) {
    it(`refuses slot_id ${slot_id} with INVALID_SLOT_ID and no slots`, () => {
      const t = kernel();
      const r = expectRefused(t, () => t.intent(enterIntent({ slot_id })), 'INVALID_SLOT_ID');
      expect(r.outcome.details).toEqual({ field: 'slot_id', value: String(slot_id) });
      expect(r.slots).toEqual([]);
    });
  }
});

describe('R2 ENTER', () => {
  it('opens a trade: NEW entry order, ORDER_REQUESTED, one PLACE_ORDER', () => {
    const t = kernel();
    const r = t.intent(enterIntent({ side: 'SHORT', order_type: 'LIMIT', limit_price: 99 }));
    expect(r.outcome).toMatchObject({ accepted: true, code: 'OK', severity: 'INFO', details: {} });
    expect(r.outcome.transitions).toEqual([
      { machine: 'SLOT', slot_id: 0, cause_id: 'i-enter', trigger: 'ENTER', ts: 1, mode: 'backtest', trade_id: 'T1', from: 'IDLE', to: 'ORDER_REQUESTED' },
    ]);
    expect(r.actions).toEqual([
      { type: 'PLACE_ORDER', slot_id: 0, trade_id: 'T1', order_id: 'T1#1', role: 'ENTRY', asset: 'BTC-USDT', order_side: 'SELL', order_type: 'LIMIT', size: 2, limit_price: 99, reduce_only: false },
    ]);
    const s = slot0(r);
    expect(s.stage).toBe('ORDER_REQUESTED');
    expect(s.orders_placed).toBe(1);
    expect(s.entry_order).toEqual({ order_id: 'T1#1', role: 'ENTRY', order_side: 'SELL', order_type: 'LIMIT', limit_price: 99, intended_size: 2, filled_size: 0, avg_fill_price: 0, status: 'NEW' });
  });

  it('refuses ENTER on a busy slot with SLOT_BUSY naming the stage', () => {
    const t = kernel();
    t.intent(enterIntent());
    const r = expectRefused(t, () => t.intent(enterIntent({ trade_id: 'T2' })), 'SLOT_BUSY');
    expect(r.outcome.details).toEqual({ stage: 'ORDER_REQUESTED' });
  });

  it('refuses an ENTER that reuses the slot\'s trade id on IDLE and CLOSED slots (TRADE_ID_REUSED)', () => {
    const t = kernel();
    t.intent(enterIntent());
    t.event(ev('ORDER_REJECTED', 'T1#1'));
    const r = expectRefused(t, () => t.intent(enterIntent({ intent_id: 'retry' })), 'INVALID_INTENT');
    expect(r.outcome.details).toEqual({ field: 'trade_id', value: 'T1', reason: 'TRADE_ID_REUSED' });

    const c = kernel();
    openPosition(c, { exit_leg_ratios: [1] });
    c.intent({ action: 'EXIT', intent_id: 'x', ts: 3, slot_id: 0, trade_id: 'T1', order_type: 'MARKET' });
    expect(slot0(c.event(ev('FILL', 'T1#2', { price: 110, size: 2 }))).stage).toBe('CLOSED');
    expectRefused(c, () => c.intent(enterIntent({ intent_id: 'again' })), 'INVALID_INTENT');
  });

  it('reuses a CLOSED slot: every trade field replaced, last_event_ts kept', () => {
    const t = kernel();
    openPosition(t, { exit_leg_ratios: [1] });
    t.intent({ action: 'EXIT', intent_id: 'x', ts: 3, slot_id: 0, trade_id: 'T1', order_type: 'MARKET' });
    const closed = t.event(ev('FILL', 'T1#2', { price: 110, size: 2, ts: 77 }));
    expect(slot0(closed).stage).toBe('CLOSED');
    t.k.markPrice({ asset: 'BTC-USDT', price: 1, ts: 1 });
    const r = t.intent(enterIntent({ trade_id: 'T2', intent_id: 'i2' }));
    const s = slot0(r);
    expect(r.outcome.transitions[0]).toMatchObject({ from: 'CLOSED', to: 'ORDER_REQUESTED', trade_id: 'T2' });
    expect(s).toMatchObject({ trade_id: 'T2', realized_pnl: 0, fees_paid: 0, seen_event_ids: [], last_event_ts: 77 });
    // The order counter is the slot's, not the trade's: T1 placed T1#1 and T1#2.
    expect(s).toMatchObject({ orders_placed: 3, entry_order: { order_id: 'T2#3' } });
    expect(s.exit_order).toBeUndefined();
    expect(s.mark_price).toBeUndefined();
  });

  it('a trade id that comes back (A, B, then A) names its entry past every order of the slot: an old event is UNKNOWN_ORDER, never applied again', () => {
    const t = kernel();
    t.intent(enterIntent());
    const rejectA = ev('ORDER_REJECTED', 'T1#1', { reason: 'venue says no' });
    t.event(rejectA);
    t.intent(enterIntent({ trade_id: 'T2', intent_id: 'i2' }));
    t.event(ev('ORDER_REJECTED', 'T2#2', { trade_id: 'T2', reason: 'venue says no' }));
    expect(t.intent(enterIntent({ intent_id: 'i3' })).actions[0]).toMatchObject({ order_id: 'T1#3' });
    expectRefused(t, () => t.event(rejectA), 'UNKNOWN_ORDER');
  });

  it('gives the last id a slot can count exactly, then refuses (ORDER_IDS_EXHAUSTED): an order id never wraps', () => {
    const t = kernel();
    const snap = t.k.snapshot();
    t.k.restore({ ...snap, slots: snap.slots.map((s) => ({ ...s, orders_placed: SAFE_INTEGER_MAX - 1 })) });
    expect(t.intent(enterIntent()).actions[0]).toMatchObject({ order_id: `T1#${SAFE_INTEGER_MAX}` });
    t.event(ev('ORDER_REJECTED', `T1#${SAFE_INTEGER_MAX}`, { reason: 'venue says no' }));
    const r = expectRefused(t, () => t.intent(enterIntent({ trade_id: 'T2', intent_id: 'i2' })), 'INVALID_INTENT');
    expect(r.outcome.details).toEqual({ field: 'orders_placed', value: String(SAFE_INTEGER_MAX), reason: 'ORDER_IDS_EXHAUSTED' });
  });

  it('R16: live mode refuses ENTER on an unreconciled account (MODE_FORBIDDEN, ERROR)', () => {
    const t = kernel(config({}, 'live'));
    const r = expectRefused(t, () => t.intent(enterIntent()), 'MODE_FORBIDDEN');
    expect(r.outcome).toMatchObject({ severity: 'ERROR', details: { reason: 'ACCOUNT_NOT_RECONCILED' } });
    t.account(accountUpdate(1, 10_000));
    expect(t.intent(enterIntent()).outcome.code).toBe('OK');
  });

  it('R16: live mode still refuses on a MISMATCH account; other modes never do', () => {
    const live = kernel(config({}, 'live'));
    live.account(accountUpdate(1, 5));
    expectRefused(live, () => live.intent(enterIntent()), 'MODE_FORBIDDEN');
    for (const mode of ['backtest', 'paper', 'sandbox'] as const) {
      const t = kernel(config({}, mode));
      expect(t.intent(enterIntent()).outcome.code).toBe('OK');
    }
  });
});
