//! Venue events: the checks in order, then the handler of the event kind, or a contradiction (R11).

use crate::generated::tables::ORDER_TERMINAL;
use crate::generated::types::{VenueEvent, TradeSlot, OutcomeDetails, AccountState, Trigger, OrderStatus};
use crate::generated::types::DiagnosticCode as C;

use super::apply_ack::apply_ack;
use super::apply_fill::apply_fill;
use super::apply_order_end::apply_order_end;
use super::apply_reject::{apply_order_rejected, apply_cancel_rejected};
use super::contradiction::{contradiction, window_full_evidence};
use super::event_window::{has_seen_event, remember_event, settle_live_ids, window_full};
use super::event_context::{head, EventHead, FeeParams, Target};
use super::numbers::is_positive_finite;
use super::outcome::{Refusal, refusal, field_value, SlotEffect};
use super::slot::{find_order, order_in};
use super::trade_id::{check_trade_id, check_not_stale};
use super::transition::StepContext;

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
    if has_seen_event(slot, h.event_id) {
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
    let mut base = slot.clone();
    base.last_event_ts = Some(h.ts);
    // R10: an id that cannot be remembered without forgetting a live one is not applied.
    if window_full(slot, fees.seen_max) {
        return Ok(window_full_evidence(base, &order, &h, ctx, fees.seen_max));
    }
    // Applied or contradicted, the event id is remembered and last_event_ts moves.
    remember_event(&mut base, h.event_id, !ORDER_TERMINAL.contains(&order.status), fees.seen_max);
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
    match applied {
        Some(mut effect) => {
            settle_live_ids(&mut effect.slot);
            Ok(effect)
        }
        None => Ok(contradiction(base, slot.stage, &order, &h, ctx)),
    }
}
