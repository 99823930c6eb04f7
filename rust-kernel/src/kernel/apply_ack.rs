//! R3 ORDER_ACK.

use crate::generated::tables::{is_legal_order_cell, is_legal_slot_cell};
use crate::generated::types::{OrderRole, TradeStage, OrderStatus, Trigger, OutcomeDetails};
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

/// R3 ORDER_ACK.
pub(crate) fn apply_ack(t: Target<'_>, venue_order_id: Option<&str>) -> Option<SlotEffect> {
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
