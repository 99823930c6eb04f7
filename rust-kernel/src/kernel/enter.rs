//! R2 ENTER.

use crate::generated::tables::{is_legal_slot_cell, mode_rule};
use crate::generated::types::{TradeSlot, EnterIntent, AccountState, ReconcileStatus, OutcomeDetails, TradeStage, Trigger, VenueOrder, Side, OrderSide, OrderRole, OrderStatus, OrderAction, PlaceOrder};
use crate::generated::types::DiagnosticCode as C;

use super::order_id::{next_order_number, order_id};
use super::outcome::{SlotEffect, Refusal, refusal, stage_details};
use super::trade_id::check_not_stale;
use super::transition::{StepContext, slot_transition};

/// R2 ENTER: open a new trade on an IDLE or CLOSED slot (after R1 and the mode policy).
pub fn enter(slot: &TradeSlot, i: &EnterIntent, ctx: &StepContext, account: &AccountState) -> Result<SlotEffect, Refusal> {
    if mode_rule(ctx.mode).require_reconciled_account_for_entry && account.reconcile_status != ReconcileStatus::Ok {
        let details = OutcomeDetails { reason: Some("ACCOUNT_NOT_RECONCILED".to_owned()), ..OutcomeDetails::default() };
        return Err(refusal(C::ModeForbidden, details));
    }
    // An account that agrees with E while some of E's events are missing agrees by accident.
    if mode_rule(ctx.mode).require_gap_free_account_for_entry && account.seq_gaps.is_some() {
        let details = OutcomeDetails { reason: Some("ACCOUNT_SEQ_GAPS".to_owned()), ..OutcomeDetails::default() };
        return Err(refusal(C::ModeForbidden, details));
    }
    if let Some(stale) = check_not_stale(slot) {
        return Err(stale);
    }
    let to = TradeStage::OrderRequested;
    if !matches!(slot.stage, TradeStage::Idle | TradeStage::Closed) || !is_legal_slot_cell(slot.stage, Trigger::Enter, to) {
        return Err(refusal(C::SlotBusy, stage_details(slot.stage)));
    }
    // A trade id names one trade: a retried ENTER whose first answer was lost must not open a
    // second trade. (Order ids stay unique however trade ids come back: see next_order_number.)
    if slot.trade_id.as_deref() == Some(i.trade_id.as_str()) {
        let details = OutcomeDetails {
            field: Some("trade_id".to_owned()),
            value: Some(i.trade_id.clone()),
            reason: Some("TRADE_ID_REUSED".to_owned()),
            ..OutcomeDetails::default()
        };
        return Err(refusal(C::InvalidIntent, details));
    }
    let n = next_order_number(slot)?;
    let order = VenueOrder {
        avg_fill_price: 0.0,
        filled_size: 0.0,
        intended_size: i.target_size,
        limit_price: i.limit_price,
        order_id: order_id(&i.trade_id, n),
        order_side: if i.side == Side::Long { OrderSide::Buy } else { OrderSide::Sell },
        order_type: i.order_type,
        position_before: None,
        role: OrderRole::Entry,
        status: OrderStatus::New,
        status_before_cancel: None,
        venue_order_id: None,
    };
    // Every trade field is replaced; exit_order and mark_price go; last_event_ts is kept, and so
    // is the order counter (next_order_number).
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
        orders_placed: n,
        realized_pnl: 0.0,
        seen_event_ids: Vec::new(),
        live_event_ids: None,
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
