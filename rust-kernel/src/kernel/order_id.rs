//! Deterministic order ids, so replays and restarts name the same orders.

use crate::generated::protocol_edge::SAFE_INTEGER_MAX;
use crate::generated::types::{DiagnosticCode as C, OutcomeDetails, TradeSlot};

use super::outcome::{refusal, Refusal};

/// An order of a slot has the id `<trade_id>#<n>`.
pub fn order_id(trade_id: &str, n: u64) -> String {
    format!("{trade_id}#{n}")
}

/// The number of the slot's next order. Orders are numbered over the slot's whole life, not per
/// trade: a trade id that comes back (A, then B, then A again, by ENTER or by reconcile) names
/// its orders past every order the slot placed before. So no two orders of a slot share an id,
/// and a late event of an old order is UNKNOWN_ORDER instead of landing on a new order of the
/// same name (R10: no input sequence applies one event twice). A slot whose counter is at the
/// largest integer both kernels count exactly has no id left to give: refused, not wrapped.
pub fn next_order_number(slot: &TradeSlot) -> Result<u64, Refusal> {
    if slot.orders_placed as f64 >= SAFE_INTEGER_MAX {
        let details = OutcomeDetails {
            field: Some("orders_placed".to_owned()),
            value: Some(slot.orders_placed.to_string()),
            reason: Some("ORDER_IDS_EXHAUSTED".to_owned()),
            ..OutcomeDetails::default()
        };
        return Err(refusal(C::InvalidIntent, details));
    }
    Ok(slot.orders_placed + 1)
}
