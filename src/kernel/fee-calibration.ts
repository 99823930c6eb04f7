// R15 fee calibration: compare the fee model with what the exchange charged for a known fill.
// The fee model itself is never changed; the EMA is reported for a person to act on.
import type { AccountState, CalibrateFeeInput, ExchangeConfigView, FeeCalibration } from './types.js';
import { isPositiveFinite, numberText } from './numbers.js';
import { refusal, type Refusal } from './outcome.js';
import { copyAccount } from './account.js';
import {
  FEE_DEVIATION_OK_PCT,
  FEE_DEVIATION_WARN_PCT,
  FEE_EXPECTED_MAX,
  FEE_RATIO_MAX,
} from '../../generated/ts/protocol-edge.js';

// The bounds are shared with the Rust kernel: schemas/data/protocol.edge.json.
export { FEE_DEVIATION_OK_PCT, FEE_DEVIATION_WARN_PCT, FEE_EXPECTED_MAX, FEE_RATIO_MAX };

export function expectedFee(c: CalibrateFeeInput, exchange: ExchangeConfigView): number {
  const rate = c.order_type === 'MARKET' ? exchange.taker_rate : exchange.maker_rate;
  return c.fill_price * c.fill_size * rate;
}

export function checkCalibration(c: CalibrateFeeInput, exchange: ExchangeConfigView): Refusal | undefined {
  if (!isPositiveFinite(c.fill_price)) return refusal('INVALID_REQUEST', { field: 'fill_price', value: numberText(c.fill_price) });
  if (!isPositiveFinite(c.fill_size)) return refusal('INVALID_REQUEST', { field: 'fill_size', value: numberText(c.fill_size) });
  if (!Number.isFinite(c.actual_fee)) return refusal('INVALID_REQUEST', { field: 'actual_fee', value: numberText(c.actual_fee) });
  const expected = expectedFee(c, exchange);
  if (expected === 0 || !(Math.abs(expected) <= FEE_EXPECTED_MAX)) {
    return refusal('INVALID_REQUEST', { field: 'expected_fee', value: numberText(expected) });
  }
  const ratio = c.actual_fee / expected;
  if (!(Math.abs(ratio) <= FEE_RATIO_MAX)) return refusal('INVALID_REQUEST', { field: 'ratio', value: numberText(ratio) });
  return undefined;
}

function withSample(a: AccountState, samples: number, ema: number): AccountState {
  const next = copyAccount(a);
  next.fee_samples = samples;
  next.fee_ratio_ema = ema;
  return next;
}

/** A checked calibration: the result and the account with the EMA and sample count moved. */
export function calibrate(
  c: CalibrateFeeInput,
  exchange: ExchangeConfigView,
  account: AccountState,
): { readonly result: FeeCalibration; readonly account: AccountState } {
  const expected = expectedFee(c, exchange);
  const ratio = c.actual_fee / expected;
  const deviation = Math.abs(ratio - 1) * 100;
  const status = deviation < FEE_DEVIATION_OK_PCT ? 'OK' : deviation < FEE_DEVIATION_WARN_PCT ? 'WARN' : 'ERROR';
  const ema =
    account.fee_samples === 0
      ? ratio
      : account.fee_ratio_ema + exchange.fee_calibration_alpha * (ratio - account.fee_ratio_ema);
  const samples = account.fee_samples + 1;
  return {
    result: {
      expected_fee: expected,
      actual_fee: c.actual_fee,
      ratio,
      deviation_pct: deviation,
      status,
      ratio_ema: ema,
      samples,
    },
    account: withSample(account, samples, ema),
  };
}
