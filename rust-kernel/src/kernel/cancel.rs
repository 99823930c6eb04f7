//! R7 CANCEL.

use crate::generated::tables::is_legal_order_cell;
use crate::generated::types::{TradeSlot, CancelIntent, TradeStage, OrderStatus, Trigger, OutcomeDetails, OrderAction, CancelOrder};
use crate::generated::types::DiagnosticCode as C;

use super::outcome::{SlotEffect, Refusal, refusal, stage_details};
use super::trade_id::{check_trade_id, check_not_stale};
use super::transition::{StepContext, order_transition};

/// R7 CANCEL: cancel whichever order of the slot is live; never silently ignored.
pub fn cancel(slot: &TradeSlot, i: &CancelIntent, ctx: &StepContext) -> Result<SlotEffect, Refusal> {
    if let Some(mismatch) = check_trade_id(slot, &i.trade_id) {
        return Err(mismatch);
    }
    if let Some(stale) = check_not_stale(slot) {
        return Err(stale);
    }
    let live = match slot.stage {
        TradeStage::OrderRequested | TradeStage::EntryWorking => slot.entry_order.as_ref().map(|o| (super::slot::OrderField::Entry, o)),
        TradeStage::ExitRequested | TradeStage::ExitWorking => slot.exit_order.as_ref().map(|o| (super::slot::OrderField::Exit, o)),
        _ => None,
    };
    let Some((field, order)) = live else {
        return Err(refusal(C::NoActiveOrder, stage_details(slot.stage)));
    };
    if order.status == OrderStatus::CancelPending || !is_legal_order_cell(order.status, Trigger::Cancel, OrderStatus::CancelPending) {
        return Err(refusal(C::IllegalTransition, OutcomeDetails { order_status: Some(order.status), ..OutcomeDetails::default() }));
    }
    let mut pending = order.clone();
    pending.status = OrderStatus::CancelPending;
    pending.status_before_cancel = Some(order.status);
    let trade_id = slot.trade_id.clone().unwrap_or_default();
    let action = OrderAction::CancelOrder(CancelOrder { order_id: order.order_id.clone(), slot_id: slot.slot_id, trade_id: trade_id.clone() });
    let transition = order_transition(ctx, &trade_id, &pending, Trigger::Cancel, order.status, OrderStatus::CancelPending, None);
    let mut next = slot.clone();
    super::slot::set_order(&mut next, field, pending);
    Ok(SlotEffect { slot: next, account: None, transitions: vec![transition], actions: vec![action], code: C::Ok, details: OutcomeDetails::default() })
}
