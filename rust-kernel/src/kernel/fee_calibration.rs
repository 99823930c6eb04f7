//! R15: fee calibration.

use crate::generated::types::{CalibrateFeeRequest, ExchangeConfig, OrderType, AccountState, FeeCalibration, CalibrationStatus};
use crate::generated::types::DiagnosticCode as C;

use super::numbers::is_positive_finite;
use super::outcome::{Refusal, refusal, field_value};

// The bounds are shared with the TypeScript kernel: schemas/data/protocol.edge.json.
pub use crate::generated::protocol_edge::{FEE_DEVIATION_OK_PCT, FEE_DEVIATION_WARN_PCT, FEE_EXPECTED_MAX, FEE_RATIO_MAX};

fn expected_fee(c: &CalibrateFeeRequest, exchange: &ExchangeConfig) -> f64 {
    let rate = if c.order_type == OrderType::Market { exchange.taker_rate } else { exchange.maker_rate };
    c.fill_price * c.fill_size * rate
}

/// R15 checks.
pub fn check_calibration(c: &CalibrateFeeRequest, exchange: &ExchangeConfig) -> Option<Refusal> {
    if !is_positive_finite(c.fill_price) {
        return Some(refusal(C::InvalidRequest, field_value("fill_price", c.fill_price)));
    }
    if !is_positive_finite(c.fill_size) {
        return Some(refusal(C::InvalidRequest, field_value("fill_size", c.fill_size)));
    }
    if !c.actual_fee.is_finite() {
        return Some(refusal(C::InvalidRequest, field_value("actual_fee", c.actual_fee)));
    }
    let expected = expected_fee(c, exchange);
    if expected == 0.0 || !(expected.abs() <= FEE_EXPECTED_MAX) {
        return Some(refusal(C::InvalidRequest, field_value("expected_fee", expected)));
    }
    let ratio = c.actual_fee / expected;
    if !(ratio.abs() <= FEE_RATIO_MAX) {
        return Some(refusal(C::InvalidRequest, field_value("ratio", ratio)));
    }
    None
}

/// R15: the result, and the account with the EMA and sample count moved.
pub fn calibrate(c: &CalibrateFeeRequest, exchange: &ExchangeConfig, account: &AccountState) -> (FeeCalibration, AccountState) {
    let expected = expected_fee(c, exchange);
    let ratio = c.actual_fee / expected;
    let deviation = (ratio - 1.0).abs() * 100.0;
    let status = if deviation < FEE_DEVIATION_OK_PCT {
        CalibrationStatus::Ok
    } else if deviation < FEE_DEVIATION_WARN_PCT {
        CalibrationStatus::Warn
    } else {
        CalibrationStatus::Error
    };
    let ema = if account.fee_samples == 0 {
        ratio
    } else {
        account.fee_ratio_ema + exchange.fee_calibration_alpha * (ratio - account.fee_ratio_ema)
    };
    let samples = account.fee_samples + 1;
    let mut next = account.clone();
    next.fee_samples = samples;
    next.fee_ratio_ema = ema;
    let result = FeeCalibration { actual_fee: c.actual_fee, deviation_pct: deviation, expected_fee: expected, ratio, ratio_ema: ema, samples, status };
    (result, next)
}
