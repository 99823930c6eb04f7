//! The trade-id and staleness checks shared by EXIT, CANCEL and venue events.

use crate::generated::types::{TradeSlot, OutcomeDetails, TradeStage};
use crate::generated::types::DiagnosticCode as C;

use super::outcome::{Refusal, refusal};

/// The trade-id check shared by EXIT, CANCEL and venue events: a slot with no trade matches nothing.
pub fn check_trade_id(slot: &TradeSlot, trade_id: &str) -> Option<Refusal> {
    match &slot.trade_id {
        Some(own) if own == trade_id => None,
        own => Some(refusal(
            C::TradeIdMismatch,
            OutcomeDetails { expected: own.clone(), value: Some(trade_id.to_owned()), ..OutcomeDetails::default() },
        )),
    }
}

/// While stale, intents and venue events for the slot are refused; only reconcile leads out.
pub fn check_not_stale(slot: &TradeSlot) -> Option<Refusal> {
    (slot.stage == TradeStage::StaleStateReconciling).then(|| {
        refusal(C::StaleStateReconciling, OutcomeDetails { stage: Some(slot.stage), ..OutcomeDetails::default() })
    })
}
