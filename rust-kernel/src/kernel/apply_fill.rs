//! R4, R6: fills.

use crate::generated::tables::{is_legal_order_cell, is_legal_slot_cell};
use crate::generated::types::{VenueOrder, Trigger, OrderStatus, OrderRole, TradeStage, OrderType, OutcomeDetails};
use crate::generated::types::DiagnosticCode as C;

use super::account::book_fill;
use super::apply_ack::working_stage;
use super::event_context::{Target, effect};
use super::numbers::side_sign;
use super::mark_price::revalue;
use super::outcome::SlotEffect;
use super::slot::set_order;
use super::transition::{order_transition, slot_transition};

/// The fill applied to an order: clamped to what remains, averaged, and whether it completes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FillArithmetic {
    /// Size applied (clamped to the remainder).
    pub applied: f64,
    /// filled_size after.
    pub filled: f64,
    /// avg_fill_price after.
    pub avg: f64,
    /// Whether the fill was larger than the remainder.
    pub clamped: bool,
    /// Whether the order is complete.
    pub complete: bool,
}

/// R4 fill arithmetic, in exactly the documented order of operations.
pub fn fill_arithmetic(order: &VenueOrder, is_fill: bool, price: f64, size: f64) -> FillArithmetic {
    let remaining = order.intended_size - order.filled_size;
    let overflow = size >= remaining;
    let applied = if overflow { remaining } else { size };
    let filled = if overflow { order.intended_size } else { order.filled_size + size };
    let avg = (order.avg_fill_price * order.filled_size + price * applied) / (order.filled_size + applied);
    FillArithmetic { applied, filled, avg, clamped: size > remaining, complete: is_fill || filled == order.intended_size }
}

/// R4, R6 fills.
pub(crate) fn apply_fill(t: Target<'_>, kind: Trigger, price: f64, size: f64) -> Option<SlotEffect> {
    let Target { mut slot, order, field, ctx, account, fees } = t;
    let mut transitions = Vec::new();
    let trade_id = slot.trade_id.clone().unwrap_or_default();
    let stage0 = slot.stage;
    let mut stage = stage0;
    let mut current = order.clone();
    let mut implicit_order: Option<VenueOrder> = None;
    let mut implicit_slot = false;
    if order.status == OrderStatus::New {
        if !is_legal_order_cell(OrderStatus::New, Trigger::ImplicitAck, OrderStatus::Acked) {
            return None;
        }
        current.status = OrderStatus::Acked;
        implicit_order = Some(current.clone());
        implicit_slot = true;
    } else if order.status == OrderStatus::CancelPending && order.status_before_cancel == Some(OrderStatus::New) {
        implicit_slot = true;
    } else if !matches!(order.status, OrderStatus::Acked | OrderStatus::PartiallyFilled | OrderStatus::CancelPending) {
        return None;
    }
    if implicit_slot {
        let working = working_stage(order.role);
        if !is_legal_slot_cell(stage, Trigger::ImplicitAck, working) {
            return None;
        }
        stage = working;
    }
    let f = fill_arithmetic(&current, kind == Trigger::Fill, price, size);
    let pending = current.status == OrderStatus::CancelPending;
    let order_to = if f.complete {
        OrderStatus::Filled
    } else if pending {
        OrderStatus::CancelPending
    } else {
        OrderStatus::PartiallyFilled
    };
    if !is_legal_order_cell(current.status, kind, order_to) {
        return None;
    }
    let is_entry = order.role == OrderRole::Entry;
    let position_before = order.position_before.unwrap_or(0.0);
    let new_size = if is_entry { f.filled } else { position_before - f.filled };
    let mut stage_to = stage;
    if f.complete {
        stage_to = if is_entry || new_size != 0.0 { TradeStage::PositionOpen } else { TradeStage::Closed };
    }
    if stage_to != stage && !is_legal_slot_cell(stage, kind, stage_to) {
        return None;
    }

    // Every cell is legal: commit into the step's own copy of the slot.
    if let Some(implicit) = &implicit_order {
        transitions.push(order_transition(ctx, &trade_id, implicit, Trigger::ImplicitAck, OrderStatus::New, OrderStatus::Acked, None));
    }
    if implicit_slot {
        slot.stage = stage;
        transitions.push(slot_transition(ctx, &slot, Trigger::ImplicitAck, stage0, stage));
    }
    let mut filled_order = current.clone();
    filled_order.filled_size = f.filled;
    filled_order.avg_fill_price = f.avg;
    filled_order.status = order_to;
    filled_order.status_before_cancel = if order_to == OrderStatus::CancelPending { Some(OrderStatus::PartiallyFilled) } else { None };
    set_order(&mut slot, field, filled_order.clone());
    transitions.push(order_transition(ctx, &trade_id, &filled_order, kind, current.status, order_to, Some((price, f.applied))));

    let rate = if order.order_type == OrderType::Market { fees.taker_rate } else { fees.maker_rate };
    let fee = price * f.applied * rate;
    slot.fees_paid += fee;
    let mut pnl = 0.0;
    if is_entry {
        slot.size = new_size;
        slot.entry_price = f.avg;
    } else {
        pnl = side_sign(slot.side) * (price - slot.entry_price) * f.applied;
        slot.realized_pnl += pnl;
        slot.size = new_size;
    }
    if stage_to != stage {
        if is_entry {
            slot.initial_size = slot.size;
        } else if stage_to == TradeStage::PositionOpen {
            let last = slot.exit_leg_ratios.as_ref().map_or(1, Vec::len).saturating_sub(1) as u64;
            slot.active_leg_index = (slot.active_leg_index + 1).min(last);
        }
        slot.stage = stage_to;
        transitions.push(slot_transition(ctx, &slot, kind, stage, stage_to));
    }
    revalue(&mut slot);
    let next_account = book_fill(account, pnl, fee, fees.tolerance, !is_entry);
    let (code, details) = fill_diagnostic(kind, size, &f, order.intended_size);
    Some(effect(slot, transitions, code, details, Some(next_account)))
}

/// R4: a clamped fill says so, and so does a FILL (the venue's word that the order is complete)
/// that leaves the order short of its intended size: it ends FILLED at what was filled, loudly.
fn fill_diagnostic(kind: Trigger, size: f64, f: &FillArithmetic, intended: f64) -> (C, OutcomeDetails) {
    if f.clamped {
        return (C::OverfillClamped, OutcomeDetails { requested_size: Some(size), clamped_size: Some(f.applied), ..OutcomeDetails::default() });
    }
    if kind == Trigger::Fill && f.filled != intended {
        return (C::ShortFill, OutcomeDetails { intended_size: Some(intended), filled_size: Some(f.filled), ..OutcomeDetails::default() });
    }
    (C::Ok, OutcomeDetails::default())
}
