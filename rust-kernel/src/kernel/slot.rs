//! The empty slot and small queries over a slot.

use crate::generated::types::{TradeSlot, TradeStage, VenueOrder};

/// A slot with no trade: IDLE, zero sizes, no orders.
pub fn empty_slot(slot_id: u64) -> TradeSlot {
    TradeSlot {
        active_leg_index: 0,
        asset: None,
        entry_order: None,
        entry_price: 0.0,
        exit_leg_ratios: None,
        exit_order: None,
        fees_paid: 0.0,
        initial_size: 0.0,
        last_event_ts: None,
        leverage: None,
        mark_price: None,
        orders_placed: 0,
        realized_pnl: 0.0,
        seen_event_ids: Vec::new(),
        live_event_ids: None,
        side: None,
        size: 0.0,
        slot_id,
        stage: TradeStage::Idle,
        trade_id: None,
        unrealized_pnl: 0.0,
    }
}

/// Which slot field holds an order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrderField {
    /// `entry_order`.
    Entry,
    /// `exit_order`.
    Exit,
}

/// The slot's order with this id (entry first).
pub fn find_order(slot: &TradeSlot, order_id: &str) -> Option<OrderField> {
    if slot.entry_order.as_ref().is_some_and(|o| o.order_id == order_id) {
        return Some(OrderField::Entry);
    }
    if slot.exit_order.as_ref().is_some_and(|o| o.order_id == order_id) {
        return Some(OrderField::Exit);
    }
    None
}

/// The order in a field (the caller found it there).
pub fn order_in(slot: &TradeSlot, field: OrderField) -> Option<&VenueOrder> {
    match field {
        OrderField::Entry => slot.entry_order.as_ref(),
        OrderField::Exit => slot.exit_order.as_ref(),
    }
}

/// Replaces the order in a field.
pub fn set_order(slot: &mut TradeSlot, field: OrderField, order: VenueOrder) {
    match field {
        OrderField::Entry => slot.entry_order = Some(order),
        OrderField::Exit => slot.exit_order = Some(order),
    }
}
