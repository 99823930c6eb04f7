//! R7 CANCEL_ACK and ORDER_EXPIRED.

use crate::generated::tables::{is_legal_order_cell, is_legal_slot_cell};
use crate::generated::types::{Trigger, OrderStatus, OrderRole, TradeStage, OutcomeDetails};
use crate::generated::types::DiagnosticCode as C;

use super::event_context::{Target, effect};
use super::outcome::SlotEffect;
use super::slot::set_order;
use super::transition::{order_transition, slot_transition};

/// R7 CANCEL_ACK / ORDER_EXPIRED.
pub(crate) fn apply_order_end(t: Target<'_>, kind: Trigger, order_to: OrderStatus) -> Option<SlotEffect> {
    let Target { mut slot, order, field, ctx, .. } = t;
    if !is_legal_order_cell(order.status, kind, order_to) {
        return None;
    }
    let is_entry = order.role == OrderRole::Entry;
    let stage_from = slot.stage;
    let stage_to = if is_entry && order.filled_size == 0.0 { TradeStage::Idle } else { TradeStage::PositionOpen };
    if stage_to != stage_from && !is_legal_slot_cell(stage_from, kind, stage_to) {
        return None;
    }
    let mut ended = order.clone();
    ended.status = order_to;
    ended.status_before_cancel = None;
    set_order(&mut slot, field, ended.clone());
    if is_entry && stage_to == TradeStage::PositionOpen {
        slot.initial_size = slot.size;
    }
    slot.stage = stage_to;
    let trade_id = slot.trade_id.clone().unwrap_or_default();
    let mut transitions = vec![order_transition(ctx, &trade_id, &ended, kind, order.status, order_to, None)];
    if stage_to != stage_from {
        transitions.push(slot_transition(ctx, &slot, kind, stage_from, stage_to));
    }
    Some(effect(slot, transitions, C::Ok, OutcomeDetails::default(), None))
}
