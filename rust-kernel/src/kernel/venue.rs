//! Venue events: the checks in order, then the handler of the event kind, or a contradiction (R11).

use crate::generated::tables::{is_legal_order_cell, is_legal_slot_cell};
use crate::generated::types::{
    AccountState, ContradictionEvidence, DiagnosticCode as C, OrderRole, OrderStatus, OrderTransition, OrderType,
    OutcomeDetails, TradeSlot, TradeStage, Trigger, VenueEvent, VenueEventKind, VenueOrder,
};

use super::account::book_fill;
use super::intents::{check_not_stale, check_trade_id, is_positive_finite};
use super::outcome::{field_value, refusal, Refusal, SlotEffect};
use super::slot::{find_order, order_in, remember_event, revalue, set_order, side_sign, working_stage, OrderField};
use super::transition::{order_transition, slot_transition, StepContext};

/// Fee and ledger parameters an event handler needs.
#[derive(Debug, Clone, Copy)]
pub struct FeeParams {
    /// Taker rate (MARKET orders).
    pub taker_rate: f64,
    /// Maker rate (LIMIT orders).
    pub maker_rate: f64,
    /// reconcile_tolerance.
    pub tolerance: f64,
    /// seen_event_ids_max.
    pub seen_max: u64,
}

/// The common fields of a venue event.
struct EventHead<'e> {
    event_id: &'e str,
    trade_id: &'e str,
    order_id: &'e str,
    ts: u64,
    kind: VenueEventKind,
    fill: Option<(f64, f64)>,
}

fn head(e: &VenueEvent) -> EventHead<'_> {
    macro_rules! h {
        ($x:expr, $kind:expr, $fill:expr) => {
            EventHead { event_id: &$x.event_id, trade_id: &$x.trade_id, order_id: &$x.order_id, ts: $x.ts, kind: $kind, fill: $fill }
        };
    }
    match e {
        VenueEvent::OrderAck(x) => h!(x, VenueEventKind::OrderAck, None),
        VenueEvent::PartialFill(x) => h!(x, VenueEventKind::PartialFill, Some((x.price, x.size))),
        VenueEvent::Fill(x) => h!(x, VenueEventKind::Fill, Some((x.price, x.size))),
        VenueEvent::CancelAck(x) => h!(x, VenueEventKind::CancelAck, None),
        VenueEvent::OrderRejected(x) => h!(x, VenueEventKind::OrderRejected, None),
        VenueEvent::CancelRejected(x) => h!(x, VenueEventKind::CancelRejected, None),
        VenueEvent::OrderExpired(x) => h!(x, VenueEventKind::OrderExpired, None),
        VenueEvent::RateLimited(x) => h!(x, VenueEventKind::RateLimited, None),
    }
}

/// The slot id a venue event names.
pub fn event_slot_id(e: &VenueEvent) -> u64 {
    match e {
        VenueEvent::OrderAck(x) => x.slot_id,
        VenueEvent::PartialFill(x) => x.slot_id,
        VenueEvent::Fill(x) => x.slot_id,
        VenueEvent::CancelAck(x) => x.slot_id,
        VenueEvent::OrderRejected(x) => x.slot_id,
        VenueEvent::CancelRejected(x) => x.slot_id,
        VenueEvent::OrderExpired(x) => x.slot_id,
        VenueEvent::RateLimited(x) => x.slot_id,
    }
}

/// The event id and ts of a venue event (the cause of its transitions).
pub fn event_cause(e: &VenueEvent) -> (String, u64) {
    let h = head(e);
    (h.event_id.to_owned(), h.ts)
}

/// Checks 1 (numbers; the slot id is checked by the caller) to 6.
fn check_event(slot: &TradeSlot, e: &VenueEvent, h: &EventHead<'_>) -> Option<Refusal> {
    if let Some((price, size)) = h.fill {
        if !is_positive_finite(price) {
            return Some(refusal(C::InvalidEvent, field_value("price", price)));
        }
        if !is_positive_finite(size) {
            return Some(refusal(C::InvalidEvent, field_value("size", size)));
        }
    }
    if let Some(mismatch) = check_trade_id(slot, h.trade_id) {
        return Some(mismatch);
    }
    if slot.seen_event_ids.iter().any(|id| id == h.event_id) {
        return Some(refusal(C::DuplicateEvent, OutcomeDetails { event_id: Some(h.event_id.to_owned()), ..OutcomeDetails::default() }));
    }
    if find_order(slot, h.order_id).is_none() {
        return Some(refusal(C::UnknownOrder, OutcomeDetails { order_id: Some(h.order_id.to_owned()), ..OutcomeDetails::default() }));
    }
    if let Some(stale) = check_not_stale(slot) {
        return Some(stale);
    }
    if let VenueEvent::RateLimited(x) = e {
        let details = OutcomeDetails {
            order_id: Some(x.order_id.clone()),
            retry_after_ms: Some(x.retry_after_ms),
            retryable: Some(true),
            ..OutcomeDetails::default()
        };
        return Some(refusal(C::RateLimited, details));
    }
    None
}

/// What a handler works on: the step's own copy of the slot and the order as it was.
struct Target<'a> {
    slot: TradeSlot,
    order: VenueOrder,
    field: OrderField,
    ctx: &'a StepContext,
    account: &'a AccountState,
    fees: FeeParams,
}

fn effect(slot: TradeSlot, transitions: Vec<OrderTransition>, code: C, details: OutcomeDetails, account: Option<AccountState>) -> SlotEffect {
    SlotEffect { slot, account, transitions, actions: Vec::new(), code, details }
}

/// Applies a venue event to a slot: a refusal, or the effect to commit.
pub fn venue_event(slot: &TradeSlot, e: &VenueEvent, ctx: &StepContext, account: &AccountState, fees: FeeParams) -> Result<SlotEffect, Refusal> {
    let h = head(e);
    if let Some(refused) = check_event(slot, e, &h) {
        return Err(refused);
    }
    let Some(field) = find_order(slot, h.order_id) else {
        return Err(refusal(C::UnknownOrder, OutcomeDetails { order_id: Some(h.order_id.to_owned()), ..OutcomeDetails::default() }));
    };
    let Some(order) = order_in(slot, field).cloned() else {
        return Err(refusal(C::UnknownOrder, OutcomeDetails { order_id: Some(h.order_id.to_owned()), ..OutcomeDetails::default() }));
    };
    // Applied or contradicted, the event id is remembered and last_event_ts moves.
    let mut base = slot.clone();
    remember_event(&mut base.seen_event_ids, h.event_id, fees.seen_max);
    base.last_event_ts = Some(h.ts);
    let target = Target { slot: base.clone(), order: order.clone(), field, ctx, account, fees };
    let applied = match e {
        VenueEvent::OrderAck(x) => apply_ack(target, x.venue_order_id.as_deref()),
        VenueEvent::PartialFill(x) => apply_fill(target, Trigger::PartialFill, x.price, x.size),
        VenueEvent::Fill(x) => apply_fill(target, Trigger::Fill, x.price, x.size),
        VenueEvent::CancelAck(_) => apply_order_end(target, Trigger::CancelAck, OrderStatus::Canceled),
        VenueEvent::OrderExpired(_) => apply_order_end(target, Trigger::OrderExpired, OrderStatus::Expired),
        VenueEvent::OrderRejected(x) => apply_order_rejected(target, x.reason.as_deref()),
        VenueEvent::CancelRejected(x) => apply_cancel_rejected(target, x.reason.as_deref()),
        VenueEvent::RateLimited(_) => None,
    };
    Ok(applied.unwrap_or_else(|| contradiction(base, slot.stage, &order, &h, ctx)))
}

/// R3 ORDER_ACK.
fn apply_ack(t: Target<'_>, venue_order_id: Option<&str>) -> Option<SlotEffect> {
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
fn apply_fill(t: Target<'_>, kind: Trigger, price: f64, size: f64) -> Option<SlotEffect> {
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
    let (code, details) = if f.clamped {
        (C::OverfillClamped, OutcomeDetails { requested_size: Some(size), clamped_size: Some(f.applied), ..OutcomeDetails::default() })
    } else {
        (C::Ok, OutcomeDetails::default())
    };
    Some(effect(slot, transitions, code, details, Some(next_account)))
}

/// R7 CANCEL_ACK / ORDER_EXPIRED.
fn apply_order_end(t: Target<'_>, kind: Trigger, order_to: OrderStatus) -> Option<SlotEffect> {
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

fn rejection_details(order_id: &str, reason: Option<&str>) -> OutcomeDetails {
    OutcomeDetails { order_id: Some(order_id.to_owned()), reason: reason.map(str::to_owned), ..OutcomeDetails::default() }
}

/// R8 ORDER_REJECTED.
fn apply_order_rejected(t: Target<'_>, reason: Option<&str>) -> Option<SlotEffect> {
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
fn apply_cancel_rejected(t: Target<'_>, reason: Option<&str>) -> Option<SlotEffect> {
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

/// R11: the slot goes stale with the evidence; nothing else changes.
fn contradiction(mut slot: TradeSlot, stage_before: TradeStage, order: &VenueOrder, h: &EventHead<'_>, ctx: &StepContext) -> SlotEffect {
    slot.stage = TradeStage::StaleStateReconciling;
    let mut transition = slot_transition(ctx, &slot, Trigger::Contradiction, stage_before, TradeStage::StaleStateReconciling);
    if let OrderTransition::SlotTransition(t) = &mut transition {
        t.evidence = Some(ContradictionEvidence {
            event_id: h.event_id.to_owned(),
            event_kind: h.kind,
            order_id: order.order_id.clone(),
            order_status: order.status,
            price: h.fill.map(|(price, _)| price),
            size: h.fill.map(|(_, size)| size),
            slot_stage: stage_before,
        });
    }
    effect(slot, vec![transition], C::StaleStateReconciling, OutcomeDetails::default(), None)
}
