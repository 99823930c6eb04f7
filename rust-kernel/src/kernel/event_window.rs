//! R10 the idempotency window: ids of events on the live order are never evicted; ids of events
//! on ended orders may be, oldest first; together at most `seen_event_ids_max`.

use crate::generated::types::TradeSlot;

use crate::generated::tables::ORDER_TERMINAL;

/// Whether the slot remembers the event id (either part of the window).
pub fn has_seen_event(slot: &TradeSlot, event_id: &str) -> bool {
    slot.seen_event_ids.iter().any(|id| id == event_id)
        || slot.live_event_ids.as_ref().is_some_and(|live| live.iter().any(|id| id == event_id))
}

/// Whether a new id cannot be remembered without evicting a live one (ended ids can make room).
pub fn window_full(slot: &TradeSlot, max: u64) -> bool {
    slot.live_event_ids.as_ref().map_or(0, Vec::len) as u64 >= max
}

/// Remembers the id: in the live part when the event named a live order, else in the ended
/// part; the oldest ended ids make room. The caller checked window_full first.
pub fn remember_event(slot: &mut TradeSlot, event_id: &str, order_was_live: bool, max: u64) {
    let live = slot.live_event_ids.as_ref().map_or(0, Vec::len) as u64;
    let held = slot.seen_event_ids.len() as u64 + live;
    if held + 1 > max {
        let excess = usize::try_from(held + 1 - max).unwrap_or(usize::MAX).min(slot.seen_event_ids.len());
        slot.seen_event_ids.drain(..excess);
    }
    if order_was_live {
        slot.live_event_ids.get_or_insert_with(Vec::new).push(event_id.to_owned());
    } else {
        slot.seen_event_ids.push(event_id.to_owned());
    }
}

fn is_terminal(status: crate::generated::types::OrderStatus) -> bool {
    ORDER_TERMINAL.contains(&status)
}

/// Whether the slot holds an order that has not ended.
pub fn has_live_order(slot: &TradeSlot) -> bool {
    slot.entry_order.as_ref().is_some_and(|o| !is_terminal(o.status)) || slot.exit_order.as_ref().is_some_and(|o| !is_terminal(o.status))
}

/// Once no order is live, the live ids join the ended ones (the total is unchanged).
pub fn settle_live_ids(slot: &mut TradeSlot) {
    if slot.live_event_ids.is_none() || has_live_order(slot) {
        return;
    }
    if let Some(live) = slot.live_event_ids.take() {
        slot.seen_event_ids.extend(live);
    }
}
