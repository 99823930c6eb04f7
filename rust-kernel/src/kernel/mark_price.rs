//! R13: mark price.

use crate::generated::types::TradeSlot;
use crate::generated::types::DiagnosticCode as C;

use super::numbers::{side_sign, is_positive_finite};
use super::outcome::{Refusal, refusal, field_value};

/// `side_sign * (mark - entry_price) * size` after a fill: 0 when flat, unchanged without a mark.
pub fn revalue(slot: &mut TradeSlot) {
    if slot.size == 0.0 {
        slot.unrealized_pnl = 0.0;
    } else if let Some(mark) = slot.mark_price {
        slot.unrealized_pnl = side_sign(slot.side) * (mark - slot.entry_price) * slot.size;
    }
}

/// R13: a mark price must be positive and finite.
pub fn check_mark_price(price: f64) -> Option<Refusal> {
    (!is_positive_finite(price)).then(|| refusal(C::InvalidRequest, field_value("price", price)))
}

/// The slots a mark revalues (asset equal, size > 0), as new slots in slot_id order.
pub fn mark_slots(slots: &[TradeSlot], asset: &str, price: f64) -> Vec<TradeSlot> {
    slots
        .iter()
        .filter(|s| s.asset.as_deref() == Some(asset) && s.size > 0.0)
        .map(|s| {
            let mut next = s.clone();
            next.mark_price = Some(price);
            next.unrealized_pnl = side_sign(s.side) * (price - s.entry_price) * s.size;
            next
        })
        .collect()
}
