//! R3 ORDER_ACK.

use crate::generated::tables::{is_legal_order_cell, is_legal_slot_cell, ORDER_TERMINAL};
use crate::generated::types::{OrderRole, TradeStage, OrderStatus, Trigger, OutcomeDetails, VenueOrder};
use crate::generated::types::DiagnosticCode as C;

use super::event_context::{Target, effect};
use super::outcome::SlotEffect;
use super::slot::set_order;
use super::transition::{order_transition, slot_transition};

/// The working stage of an order's role.
pub fn working_stage(role: OrderRole) -> TradeStage {
    match role {
        OrderRole::Entry => TradeStage::EntryWorking,
        OrderRole::Exit => TradeStage::ExitWorking,
    }
}

/// R11: whether an ack comes after the venue already acted on the order (a fill or an implicit
/// ack, a cancel request made after the ack, a terminal status). CANCEL_PENDING from NEW is
/// not late: the venue has not acted yet and its ack still moves the slot (R3).
pub fn is_late_ack(order: &VenueOrder) -> bool {
    if order.status == OrderStatus::CancelPending {
        return order.status_before_cancel != Some(OrderStatus::New);
    }
    matches!(order.status, OrderStatus::Acked | OrderStatus::PartiallyFilled) || ORDER_TERMINAL.contains(&order.status)
}

/// A late ack: accepted, no transition, the venue order id stored if it was missing.
fn late_ack(t: Target<'_>, venue_order_id: Option<&str>) -> SlotEffect {
    let Target { mut slot, order, field, .. } = t;
    if let (None, Some(id)) = (&order.venue_order_id, venue_order_id) {
        let mut next = order.clone();
        next.venue_order_id = Some(id.to_owned());
        set_order(&mut slot, field, next);
    }
    let details = OutcomeDetails { order_id: Some(order.order_id.clone()), order_status: Some(order.status), ..OutcomeDetails::default() };
    effect(slot, Vec::new(), C::LateAck, details, None)
}

/// R3 ORDER_ACK.
pub(crate) fn apply_ack(t: Target<'_>, venue_order_id: Option<&str>) -> Option<SlotEffect> {
    if is_late_ack(&t.order) {
        return Some(late_ack(t, venue_order_id));
    }
    let Target { mut slot, order, field, ctx, .. } = t;
    let from = order.status;
    let mut next = order.clone();
    if from == OrderStatus::New && is_legal_order_cell(from, Trigger::OrderAck, OrderStatus::Acked) {
        next.status = OrderStatus::Acked;
    } else if from == OrderStatus::CancelPending
        && order.status_before_cancel == Some(OrderStatus::New)
        && is_legal_order_cell(from, Trigger::OrderAck, from)
    {
        next.status_before_cancel = Some(OrderStatus::Acked);
    } else {
        return None;
    }
    let stage_from = slot.stage;
    let stage_to = working_stage(order.role);
    if !is_legal_slot_cell(stage_from, Trigger::OrderAck, stage_to) {
        return None;
    }
    if let Some(id) = venue_order_id {
        next.venue_order_id = Some(id.to_owned());
    }
    let to = next.status;
    set_order(&mut slot, field, next.clone());
    slot.stage = stage_to;
    let trade_id = slot.trade_id.clone().unwrap_or_default();
    let transitions = vec![
        order_transition(ctx, &trade_id, &next, Trigger::OrderAck, from, to, None),
        slot_transition(ctx, &slot, Trigger::OrderAck, stage_from, stage_to),
    ];
    Some(effect(slot, transitions, C::Ok, OutcomeDetails::default(), None))
}
