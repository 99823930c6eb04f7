//! R1: the slot id and the numbers of an intent.

use crate::generated::types::{OrderType, OutcomeDetails, EnterIntent, EngineIntent};
use crate::generated::types::DiagnosticCode as C;

use super::numbers::is_positive_finite;
use super::outcome::{Refusal, refusal, field_value};

/// Tolerance of the exit-leg ratio sum (schemas/data/protocol.edge.json).
pub use crate::generated::protocol_edge::EXIT_LEG_SUM_TOLERANCE;
/// R1 step 1: an integer in [0, slot_count).
pub fn check_slot_id(slot_id: u64, slot_count: u64) -> Option<Refusal> {
    if slot_id < slot_count {
        return None;
    }
    Some(refusal(C::InvalidSlotId, field_value("slot_id", slot_id as f64)))
}

fn positive(field: &str, value: f64, code: C) -> Option<Refusal> {
    if is_positive_finite(value) {
        None
    } else {
        Some(refusal(code, field_value(field, value)))
    }
}

fn order_type_rule(order_type: OrderType, limit_price: Option<f64>) -> Option<Refusal> {
    let reason = match (order_type, limit_price) {
        (OrderType::Limit, None) => "LIMIT_PRICE_REQUIRED",
        (OrderType::Market, Some(_)) => "LIMIT_PRICE_FORBIDDEN",
        _ => return None,
    };
    let details = OutcomeDetails { field: Some("limit_price".to_owned()), reason: Some(reason.to_owned()), ..OutcomeDetails::default() };
    Some(refusal(C::InvalidIntent, details))
}

fn check_enter_numbers(i: &EnterIntent) -> Option<Refusal> {
    if let Some(bad) = positive("target_size", i.target_size, C::InvalidIntent)
        .or_else(|| i.limit_price.and_then(|p| positive("limit_price", p, C::InvalidIntent)))
        .or_else(|| positive("leverage", i.leverage, C::InvalidIntent))
    {
        return Some(bad);
    }
    for (k, &ratio) in i.exit_leg_ratios.iter().enumerate() {
        if !(ratio.is_finite() && ratio > 0.0 && ratio <= 1.0) {
            return Some(refusal(C::InvalidIntent, field_value(&format!("exit_leg_ratios[{k}]"), ratio)));
        }
    }
    let mut sum = 0.0;
    for &ratio in &i.exit_leg_ratios {
        sum += ratio;
    }
    if !(sum <= 1.0 + EXIT_LEG_SUM_TOLERANCE) {
        return Some(refusal(C::InvalidIntent, field_value("exit_leg_ratios", sum)));
    }
    order_type_rule(i.order_type, i.limit_price)
}

/// R1 numbers of an intent (after the slot id).
pub fn check_intent_numbers(intent: &EngineIntent) -> Option<Refusal> {
    match intent {
        EngineIntent::EnterIntent(i) => check_enter_numbers(i),
        EngineIntent::ExitIntent(i) => i
            .limit_price
            .and_then(|p| positive("limit_price", p, C::InvalidIntent))
            .or_else(|| order_type_rule(i.order_type, i.limit_price)),
        EngineIntent::CancelIntent(_) => None,
    }
}
