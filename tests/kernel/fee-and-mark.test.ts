import { describe, expect, it } from 'vitest';
import { enterIntent, expectRefused, kernel, openPosition, slot0, valid } from './helpers.js';

describe('R15 fee calibration', () => {
  it('expected fee, ratio, deviation, status and the EMA', () => {
    const t = kernel();
    const r1 = valid(t.k.calibrateFee({ fill_price: 100, fill_size: 2, order_type: 'MARKET', actual_fee: 0.2 }));
    expect(r1.fee_calibration).toEqual({ expected_fee: 100 * 2 * 0.001, actual_fee: 0.2, ratio: 0.2 / (100 * 2 * 0.001), deviation_pct: Math.abs(0.2 / (100 * 2 * 0.001) - 1) * 100, status: 'OK', ratio_ema: 0.2 / (100 * 2 * 0.001), samples: 1 });
    const r2 = valid(t.k.calibrateFee({ fill_price: 100, fill_size: 2, order_type: 'LIMIT', actual_fee: 0.0416 }));
    const ratio = 0.0416 / (100 * 2 * 0.0002);
    expect(r2.fee_calibration).toMatchObject({ ratio, status: 'WARN', samples: 2, ratio_ema: r1.fee_calibration!.ratio_ema + 0.5 * (ratio - r1.fee_calibration!.ratio_ema) });
    const r3 = valid(t.k.calibrateFee({ fill_price: 100, fill_size: 2, order_type: 'LIMIT', actual_fee: 0.05 }));
    expect(r3.fee_calibration?.status).toBe('ERROR');
    expect(r3.account).toMatchObject({ fee_samples: 3 });
  });

  it('refuses non-positive inputs and a zero expected fee (INVALID_REQUEST)', () => {
    const t = kernel();
    expect(expectRefused(t, () => t.k.calibrateFee({ fill_price: 0, fill_size: 1, order_type: 'MARKET', actual_fee: 1 }), 'INVALID_REQUEST').outcome.details).toEqual({ field: 'fill_price', value: '0' });
    expect(expectRefused(t, () => t.k.calibrateFee({ fill_price: 1, fill_size: Number.NaN, order_type: 'MARKET', actual_fee: 1 }), 'INVALID_REQUEST').outcome.details).toEqual({ field: 'fill_size', value: 'NaN' });
    expect(expectRefused(t, () => t.k.calibrateFee({ fill_price: 1, fill_size: 1, order_type: 'MARKET', actual_fee: Number.POSITIVE_INFINITY }), 'INVALID_REQUEST').outcome.details).toEqual({ field: 'actual_fee', value: 'Infinity' });
    const z = kernel({ slot_count: 1, seed_capital: 0, seen_event_ids_max: 1, reconcile_tolerance: 0, exchange: { taker_rate: 0, maker_rate: 0, fee_calibration_alpha: 1 }, control: { mode: 'backtest', verbosity: 'NORMAL' } });
    expect(expectRefused(z, () => z.k.calibrateFee({ fill_price: 1, fill_size: 1, order_type: 'MARKET', actual_fee: 1 }), 'INVALID_REQUEST').outcome.details).toEqual({ field: 'expected_fee', value: '0' });
  });
});

describe('R13 mark price', () => {
  it('revalues open slots of the asset only, in slot_id order', () => {
    const t = kernel();
    openPosition(t);
    openPosition(t, { slot_id: 2, trade_id: 'T2', side: 'SHORT' });
    const r = valid(t.k.markPrice({ asset: 'BTC-USDT', price: 105, ts: 9 }));
    expect(r.slots.map((s) => [s.slot_id, s.mark_price, s.unrealized_pnl])).toEqual([
      [0, 105, 1 * (105 - 100) * 2],
      [2, 105, -1 * (105 - 100) * 2],
    ]);
    expect(valid(t.k.markPrice({ asset: 'ETH', price: 1, ts: 9 })).slots).toEqual([]);
  });

  it('refuses a non-positive mark (INVALID_REQUEST naming price)', () => {
    const t = kernel();
    expect(expectRefused(t, () => t.k.markPrice({ asset: 'BTC-USDT', price: -0, ts: 1 }), 'INVALID_REQUEST').outcome.details).toEqual({ field: 'price', value: '0' });
  });
});

describe('R15 bounds (fuzz regressions fuzz-adversarial-844 and -20260885)', () => {
  it('refuses an expected fee beyond the Amount range, and a ratio beyond FEE_RATIO_MAX, changing nothing', () => {
    const t = kernel();
    const big = expectRefused(t, () => t.k.calibrateFee({ fill_price: 1e12, fill_size: 1e12, order_type: 'MARKET', actual_fee: 0 }), 'INVALID_REQUEST');
    expect(big.outcome.details).toEqual({ field: 'expected_fee', value: String(1e12 * 1e12 * 0.001) });
    const tiny = expectRefused(t, () => t.k.calibrateFee({ fill_price: 12345.6789, fill_size: 5e-324, order_type: 'MARKET', actual_fee: 1e-12 }), 'INVALID_REQUEST');
    expect(tiny.outcome.details).toEqual({ field: 'ratio', value: 'Infinity' });
    const far = expectRefused(t, () => t.k.calibrateFee({ fill_price: 1, fill_size: 1, order_type: 'MARKET', actual_fee: 2e9 + 1 }), 'INVALID_REQUEST');
    expect(far.outcome.details.field).toBe('ratio');
    expect(valid(t.k.calibrateFee({ fill_price: 1, fill_size: 1, order_type: 'MARKET', actual_fee: 1e9 })).fee_calibration?.ratio).toBe(1e12);
  });
});

describe('a reused trade id (fuzz regression fuzz-adversarial-50)', () => {
  it('is refused, so the old CANCELED order t0-1#1 is never issued again as NEW', () => {
    const t = kernel();
    t.intent(enterIntent({ trade_id: 't0-1' }));
    valid(t.k.reconcile({ reconcile_id: 'r3', ts: 2, slots: [{ slot_id: 0, trade_id: 't0-1', asset: 'BTC-USDT' }] }));
    const r = expectRefused(t, () => t.intent(enterIntent({ trade_id: 't0-1', intent_id: 'i4' })), 'INVALID_INTENT');
    expect(r.outcome.details).toEqual({ field: 'trade_id', value: 't0-1', reason: 'TRADE_ID_REUSED' });
    expect(slot0(r).entry_order).toMatchObject({ order_id: 't0-1#1', status: 'CANCELED' });
  });
});
