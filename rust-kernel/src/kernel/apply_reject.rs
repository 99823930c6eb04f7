//! R7 CANCEL_REJECTED and R8 ORDER_REJECTED.

use crate::generated::tables::{is_legal_order_cell, is_legal_slot_cell};
use crate::generated::types::{OutcomeDetails, OrderStatus, Trigger, OrderRole, TradeStage};
use crate::generated::types::DiagnosticCode as C;

use super::event_context::{Target, effect};
use super::outcome::SlotEffect;
use super::slot::set_order;
use super::transition::{order_transition, slot_transition};

fn rejection_details(order_id: &str, reason: Option<&str>) -> OutcomeDetails {
    OutcomeDetails { order_id: Some(order_id.to_owned()), reason: reason.map(str::to_owned), ..OutcomeDetails::default() }
}

/// R8 ORDER_REJECTED.
pub(crate) fn apply_order_rejected(t: Target<'_>, reason: Option<&str>) -> Option<SlotEffect> {
    let Target { mut slot, order, field, ctx, .. } = t;
    let was_new = order.status == OrderStatus::New
        || (order.status == OrderStatus::CancelPending && order.status_before_cancel == Some(OrderStatus::New));
    if !was_new || !is_legal_order_cell(order.status, Trigger::OrderRejected, OrderStatus::Rejected) {
        return None;
    }
    let is_entry = order.role == OrderRole::Entry;
    let stage_from = slot.stage;
    let stage_to = if is_entry { TradeStage::Idle } else { TradeStage::PositionOpen };
    if !is_legal_slot_cell(stage_from, Trigger::OrderRejected, stage_to) {
        return None;
    }
    let mut rejected = order.clone();
    rejected.status = OrderStatus::Rejected;
    rejected.status_before_cancel = None;
    set_order(&mut slot, field, rejected.clone());
    slot.stage = stage_to;
    let trade_id = slot.trade_id.clone().unwrap_or_default();
    let transitions = vec![
        order_transition(ctx, &trade_id, &rejected, Trigger::OrderRejected, order.status, OrderStatus::Rejected, None),
        slot_transition(ctx, &slot, Trigger::OrderRejected, stage_from, stage_to),
    ];
    let code = if is_entry { C::OrderRejected } else { C::ExitOrderRejected };
    Some(effect(slot, transitions, code, rejection_details(&order.order_id, reason), None))
}

/// R7 CANCEL_REJECTED: back to the status before the cancel.
pub(crate) fn apply_cancel_rejected(t: Target<'_>, reason: Option<&str>) -> Option<SlotEffect> {
    let Target { mut slot, order, field, ctx, .. } = t;
    let back = order.status_before_cancel?;
    if order.status != OrderStatus::CancelPending || !is_legal_order_cell(order.status, Trigger::CancelRejected, back) {
        return None;
    }
    let mut restored = order.clone();
    restored.status = back;
    restored.status_before_cancel = None;
    set_order(&mut slot, field, restored.clone());
    let trade_id = slot.trade_id.clone().unwrap_or_default();
    let transitions = vec![order_transition(ctx, &trade_id, &restored, Trigger::CancelRejected, order.status, back, None)];
    Some(effect(slot, transitions, C::CancelRejected, rejection_details(&order.order_id, reason), None))
}
