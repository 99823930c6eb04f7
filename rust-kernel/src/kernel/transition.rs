//! Builders of transition records: where (slot), why (cause, trigger), when (ts), in which mode.

use crate::generated::types::{
    Mode, OrderStatus, OrderStatusTransition, OrderTransition, ReconcileChange, ReconcileField, SlotTransition,
    TradeSlot, TradeStage, Trigger, VenueOrder,
};

/// What every transition of one step shares.
#[derive(Debug, Clone)]
pub struct StepContext {
    /// The slot.
    pub slot_id: u64,
    /// The intent, event or reconcile id that caused the step.
    pub cause_id: String,
    /// The input's timestamp.
    pub ts: u64,
    /// The mode the kernel is in.
    pub mode: Mode,
}

/// A SLOT transition; carries the slot's trade id when it has one.
pub fn slot_transition(ctx: &StepContext, slot: &TradeSlot, trigger: Trigger, from: TradeStage, to: TradeStage) -> OrderTransition {
    OrderTransition::SlotTransition(SlotTransition {
        cause_id: ctx.cause_id.clone(),
        evidence: None,
        from,
        mode: ctx.mode,
        slot_id: ctx.slot_id,
        to,
        trade_id: slot.trade_id.clone(),
        trigger,
        ts: ctx.ts,
    })
}

/// An ORDER transition; `fill` is the fill's price and applied size.
pub fn order_transition(
    ctx: &StepContext,
    trade_id: &str,
    order: &VenueOrder,
    trigger: Trigger,
    from: OrderStatus,
    to: OrderStatus,
    fill: Option<(f64, f64)>,
) -> OrderTransition {
    OrderTransition::OrderStatusTransition(OrderStatusTransition {
        cause_id: ctx.cause_id.clone(),
        fill_price: fill.map(|(price, _)| price),
        fill_size: fill.map(|(_, size)| size),
        filled_size: order.filled_size,
        from,
        mode: ctx.mode,
        order_id: order.order_id.clone(),
        role: order.role,
        slot_id: ctx.slot_id,
        to,
        trade_id: trade_id.to_owned(),
        trigger,
        ts: ctx.ts,
    })
}

/// A RECONCILE change of one field, before and after as canonical JSON text.
pub fn reconcile_change(ctx: &StepContext, field: ReconcileField, before: String, after: String) -> OrderTransition {
    OrderTransition::ReconcileChange(ReconcileChange {
        after,
        before,
        cause_id: ctx.cause_id.clone(),
        field,
        mode: ctx.mode,
        slot_id: ctx.slot_id,
        trigger: Trigger::Reconcile,
        ts: ctx.ts,
    })
}
