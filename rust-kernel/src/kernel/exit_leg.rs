//! R5 EXIT: one exit leg at a time.

use crate::generated::tables::is_legal_slot_cell;
use crate::generated::types::{TradeSlot, ExitIntent, TradeStage, Trigger, VenueOrder, Side, OrderSide, OrderRole, OrderStatus, OrderAction, PlaceOrder, OutcomeDetails};
use crate::generated::types::DiagnosticCode as C;

use super::order_id::{next_order_number, order_id};
use super::outcome::{SlotEffect, Refusal, refusal, stage_details};
use super::trade_id::{check_not_stale, check_trade_id};
use super::transition::{StepContext, slot_transition};

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
    let n = next_order_number(slot)?;
    let (leg, requested, clamped) = next_leg_size(slot);
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
