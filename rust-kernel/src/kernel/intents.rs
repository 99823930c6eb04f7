//! Intents: R1 validation, R2 ENTER, R5 EXIT, R7 CANCEL.

use crate::generated::tables::{is_legal_order_cell, is_legal_slot_cell, mode_rule};
use crate::generated::types::{
    AccountState, CancelIntent, CancelOrder, DiagnosticCode as C, EngineIntent, EnterIntent, ExitIntent, OrderAction,
    OrderRole, OrderSide, OrderStatus, OrderType, OutcomeDetails, PlaceOrder, ReconcileStatus, Side, TradeSlot,
    TradeStage, Trigger, VenueOrder,
};

use super::outcome::{field_value, refusal, Refusal, SlotEffect};
use super::transition::{order_transition, slot_transition, StepContext};

/// Tolerance of the exit-leg ratio sum: `sum <= 1 + 1e-12`.
pub const EXIT_LEG_SUM_TOLERANCE: f64 = 1e-12;

/// Finite and strictly positive; `-0` and `0` are not.
pub fn is_positive_finite(value: f64) -> bool {
    value.is_finite() && value > 0.0
}

/// R1 step 1: an integer in [0, slot_count).
pub fn check_slot_id(slot_id: u64, slot_count: u64) -> Option<Refusal> {
    if slot_id < slot_count {
        return None;
    }
    Some(refusal(C::InvalidSlotId, field_value("slot_id", slot_id as f64)))
}

fn positive(field: &str, value: f64, code: C) -> Option<Refusal> {
    if is_positive_finite(value) {
        None
    } else {
        Some(refusal(code, field_value(field, value)))
    }
}

fn order_type_rule(order_type: OrderType, limit_price: Option<f64>) -> Option<Refusal> {
    let reason = match (order_type, limit_price) {
        (OrderType::Limit, None) => "LIMIT_PRICE_REQUIRED",
        (OrderType::Market, Some(_)) => "LIMIT_PRICE_FORBIDDEN",
        _ => return None,
    };
    let details = OutcomeDetails { field: Some("limit_price".to_owned()), reason: Some(reason.to_owned()), ..OutcomeDetails::default() };
    Some(refusal(C::InvalidIntent, details))
}

fn check_enter_numbers(i: &EnterIntent) -> Option<Refusal> {
    if let Some(bad) = positive("target_size", i.target_size, C::InvalidIntent)
        .or_else(|| i.limit_price.and_then(|p| positive("limit_price", p, C::InvalidIntent)))
        .or_else(|| positive("leverage", i.leverage, C::InvalidIntent))
    {
        return Some(bad);
    }
    for (k, &ratio) in i.exit_leg_ratios.iter().enumerate() {
        if !(ratio.is_finite() && ratio > 0.0 && ratio <= 1.0) {
            return Some(refusal(C::InvalidIntent, field_value(&format!("exit_leg_ratios[{k}]"), ratio)));
        }
    }
    let mut sum = 0.0;
    for &ratio in &i.exit_leg_ratios {
        sum += ratio;
    }
    if !(sum <= 1.0 + EXIT_LEG_SUM_TOLERANCE) {
        return Some(refusal(C::InvalidIntent, field_value("exit_leg_ratios", sum)));
    }
    order_type_rule(i.order_type, i.limit_price)
}

/// R1 numbers of an intent (after the slot id).
pub fn check_intent_numbers(intent: &EngineIntent) -> Option<Refusal> {
    match intent {
        EngineIntent::EnterIntent(i) => check_enter_numbers(i),
        EngineIntent::ExitIntent(i) => i
            .limit_price
            .and_then(|p| positive("limit_price", p, C::InvalidIntent))
            .or_else(|| order_type_rule(i.order_type, i.limit_price)),
        EngineIntent::CancelIntent(_) => None,
    }
}

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

fn stage_details(stage: TradeStage) -> OutcomeDetails {
    OutcomeDetails { stage: Some(stage), ..OutcomeDetails::default() }
}

/// The n-th order of a trade has the id `<trade_id>#<n>`.
pub fn order_id(trade_id: &str, n: u64) -> String {
    format!("{trade_id}#{n}")
}

/// R2 ENTER: open a new trade on an IDLE or CLOSED slot (after R1 and the mode policy).
pub fn enter(slot: &TradeSlot, i: &EnterIntent, ctx: &StepContext, account: &AccountState) -> Result<SlotEffect, Refusal> {
    if mode_rule(ctx.mode).require_reconciled_account_for_entry && account.reconcile_status != ReconcileStatus::Ok {
        let details = OutcomeDetails { reason: Some("ACCOUNT_NOT_RECONCILED".to_owned()), ..OutcomeDetails::default() };
        return Err(refusal(C::ModeForbidden, details));
    }
    if let Some(stale) = check_not_stale(slot) {
        return Err(stale);
    }
    let to = TradeStage::OrderRequested;
    if !matches!(slot.stage, TradeStage::Idle | TradeStage::Closed) || !is_legal_slot_cell(slot.stage, Trigger::Enter, to) {
        return Err(refusal(C::SlotBusy, stage_details(slot.stage)));
    }
    // A trade id names one trade: reusing the slot's last one would give the new entry order the
    // id of the old (`<trade_id>#1`), so a late event of the old trade would land on the new one,
    // and a retried ENTER whose first answer was lost would open a second trade.
    if slot.trade_id.as_deref() == Some(i.trade_id.as_str()) {
        let details = OutcomeDetails {
            field: Some("trade_id".to_owned()),
            value: Some(i.trade_id.clone()),
            reason: Some("TRADE_ID_REUSED".to_owned()),
            ..OutcomeDetails::default()
        };
        return Err(refusal(C::InvalidIntent, details));
    }
    let order = VenueOrder {
        avg_fill_price: 0.0,
        filled_size: 0.0,
        intended_size: i.target_size,
        limit_price: i.limit_price,
        order_id: order_id(&i.trade_id, 1),
        order_side: if i.side == Side::Long { OrderSide::Buy } else { OrderSide::Sell },
        order_type: i.order_type,
        position_before: None,
        role: OrderRole::Entry,
        status: OrderStatus::New,
        status_before_cancel: None,
        venue_order_id: None,
    };
    // Every trade field is replaced; exit_order and mark_price go; last_event_ts is kept.
    let next = TradeSlot {
        active_leg_index: 0,
        asset: Some(i.asset.clone()),
        entry_order: Some(order.clone()),
        entry_price: 0.0,
        exit_leg_ratios: Some(i.exit_leg_ratios.clone()),
        exit_order: None,
        fees_paid: 0.0,
        initial_size: 0.0,
        last_event_ts: slot.last_event_ts,
        leverage: Some(i.leverage),
        mark_price: None,
        orders_placed: 1,
        realized_pnl: 0.0,
        seen_event_ids: Vec::new(),
        side: Some(i.side),
        size: 0.0,
        slot_id: slot.slot_id,
        stage: to,
        trade_id: Some(i.trade_id.clone()),
        unrealized_pnl: 0.0,
    };
    let action = OrderAction::PlaceOrder(PlaceOrder {
        asset: i.asset.clone(),
        limit_price: i.limit_price,
        order_id: order.order_id.clone(),
        order_side: order.order_side,
        order_type: i.order_type,
        reduce_only: false,
        role: OrderRole::Entry,
        size: i.target_size,
        slot_id: slot.slot_id,
        trade_id: i.trade_id.clone(),
    });
    let transition = slot_transition(ctx, &next, Trigger::Enter, slot.stage, to);
    Ok(SlotEffect { slot: next, account: None, transitions: vec![transition], actions: vec![action], code: C::Ok, details: OutcomeDetails::default() })
}

/// Size of the next leg: (leg, requested, clamped). The last leg takes all that remains, and so
/// does a leg whose fraction of a denormal position underflows to 0 (an order of size 0 cannot
/// fill, and the later legs could then never be reached).
pub fn next_leg_size(slot: &TradeSlot) -> (f64, f64, bool) {
    let default_ratios = [1.0];
    let ratios: &[f64] = slot.exit_leg_ratios.as_deref().unwrap_or(&default_ratios);
    let i = usize::try_from(slot.active_leg_index).unwrap_or(usize::MAX);
    let fraction = if i >= ratios.len().saturating_sub(1) { 0.0 } else { slot.initial_size * ratios[i] };
    let requested = if fraction > 0.0 { fraction } else { slot.size };
    if requested > slot.size {
        (slot.size, requested, true)
    } else {
        (requested, requested, false)
    }
}

/// R5 EXIT: an exit order for the next leg of an open position.
pub fn exit_leg(slot: &TradeSlot, i: &ExitIntent, ctx: &StepContext) -> Result<SlotEffect, Refusal> {
    if let Some(stale) = check_not_stale(slot) {
        return Err(stale);
    }
    let to = TradeStage::ExitRequested;
    if slot.stage != TradeStage::PositionOpen || !is_legal_slot_cell(slot.stage, Trigger::Exit, to) {
        return Err(refusal(C::IllegalTransition, stage_details(slot.stage)));
    }
    if let Some(mismatch) = check_trade_id(slot, &i.trade_id) {
        return Err(mismatch);
    }
    let trade_id = slot.trade_id.clone().unwrap_or_default();
    let (leg, requested, clamped) = next_leg_size(slot);
    let n = slot.orders_placed + 1;
    let order = VenueOrder {
        avg_fill_price: 0.0,
        filled_size: 0.0,
        intended_size: leg,
        limit_price: i.limit_price,
        order_id: order_id(&trade_id, n),
        order_side: if slot.side == Some(Side::Short) { OrderSide::Buy } else { OrderSide::Sell },
        order_type: i.order_type,
        position_before: Some(slot.size),
        role: OrderRole::Exit,
        status: OrderStatus::New,
        status_before_cancel: None,
        venue_order_id: None,
    };
    let action = OrderAction::PlaceOrder(PlaceOrder {
        asset: slot.asset.clone().unwrap_or_default(),
        limit_price: i.limit_price,
        order_id: order.order_id.clone(),
        order_side: order.order_side,
        order_type: i.order_type,
        reduce_only: true,
        role: OrderRole::Exit,
        size: leg,
        slot_id: slot.slot_id,
        trade_id,
    });
    let mut next = slot.clone();
    next.stage = to;
    next.orders_placed = n;
    next.exit_order = Some(order);
    let transition = slot_transition(ctx, &next, Trigger::Exit, slot.stage, to);
    let (code, details) = if clamped {
        (C::ExitSizeClamped, OutcomeDetails { requested_size: Some(requested), clamped_size: Some(leg), ..OutcomeDetails::default() })
    } else {
        (C::Ok, OutcomeDetails::default())
    };
    Ok(SlotEffect { slot: next, account: None, transitions: vec![transition], actions: vec![action], code, details })
}

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
