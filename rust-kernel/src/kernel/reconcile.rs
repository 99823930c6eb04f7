//! R12 reconcile: adopt the venue's truth, auditing every changed field.

use crate::canonical::number_text;
use crate::generated::tables::{is_legal_order_cell, is_legal_slot_cell, ORDER_TERMINAL};
use crate::generated::types::{
    DiagnosticCode as C, Mode, OrderStatus, OrderTransition, ReconcileField, ReconcileRequest, ReconcileSlot, TradeSlot,
    TradeStage, Trigger,
};

use super::numbers::{is_positive_finite, side_sign};
use super::outcome::{field_value, refusal, Refusal};
use super::slot::OrderField;
use super::transition::{order_transition, reconcile_change, slot_transition, StepContext};

/// Canonical JSON text of a string field; `"null"` when absent.
fn text_of(value: Option<&str>) -> String {
    match value {
        None => "null".to_owned(),
        Some(text) => {
            let mut out = Vec::new();
            crate::canonical::write_string(&mut out, text);
            String::from_utf8(out).unwrap_or_default()
        }
    }
}

/// Slot ids first (range, then repeats), then the numbers of every position.
pub fn check_reconcile(r: &ReconcileRequest, slot_count: u64) -> Option<Refusal> {
    for (i, s) in r.slots.iter().enumerate() {
        if s.slot_id >= slot_count {
            return Some(refusal(C::InvalidSlotId, field_value(&format!("slots[{i}].slot_id"), s.slot_id as f64)));
        }
    }
    let mut named: Vec<u64> = Vec::with_capacity(r.slots.len());
    for (i, s) in r.slots.iter().enumerate() {
        if named.contains(&s.slot_id) {
            return Some(refusal(C::InvalidRequest, field_value(&format!("slots[{i}].slot_id"), s.slot_id as f64)));
        }
        named.push(s.slot_id);
    }
    for (i, s) in r.slots.iter().enumerate() {
        let Some(p) = &s.position else { continue };
        if !is_positive_finite(p.size) {
            return Some(refusal(C::InvalidRequest, field_value(&format!("slots[{i}].position.size"), p.size)));
        }
        if !is_positive_finite(p.entry_price) {
            return Some(refusal(C::InvalidRequest, field_value(&format!("slots[{i}].position.entry_price"), p.entry_price)));
        }
    }
    None
}

fn number_field(slot: &mut TradeSlot, field: ReconcileField) -> &mut f64 {
    match field {
        ReconcileField::InitialSize => &mut slot.initial_size,
        ReconcileField::EntryPrice => &mut slot.entry_price,
        ReconcileField::UnrealizedPnl => &mut slot.unrealized_pnl,
        _ => &mut slot.size,
    }
}

/// Adopts one slot's truth; returns the new slot and appends its transitions.
pub fn reconcile_slot(slot: &TradeSlot, truth: &ReconcileSlot, r: &ReconcileRequest, mode: Mode, out: &mut Vec<OrderTransition>) -> TradeSlot {
    let ctx = StepContext { slot_id: slot.slot_id, cause_id: r.reconcile_id.clone(), ts: r.ts, mode };
    let mut s = slot.clone();
    // 1. Every non-terminal order (entry, then exit) is cancelled.
    for field in [OrderField::Entry, OrderField::Exit] {
        let order = match field {
            OrderField::Entry => &mut s.entry_order,
            OrderField::Exit => &mut s.exit_order,
        };
        let Some(o) = order else { continue };
        if ORDER_TERMINAL.contains(&o.status) || !is_legal_order_cell(o.status, Trigger::Reconcile, OrderStatus::Canceled) {
            continue;
        }
        let from = o.status;
        o.status = OrderStatus::Canceled;
        o.status_before_cancel = None;
        let cancelled = o.clone();
        let trade_id = s.trade_id.clone().unwrap_or_default();
        out.push(order_transition(&ctx, &trade_id, &cancelled, Trigger::Reconcile, from, OrderStatus::Canceled, None));
    }
    // 2. Fields, in the documented order, each audited when it changes.
    let set = |s: &mut TradeSlot, out: &mut Vec<OrderTransition>, field: ReconcileField, after: f64| {
        let before = *number_field(s, field);
        if before == after {
            return;
        }
        out.push(reconcile_change(&ctx, field, number_text(before), number_text(after)));
        *number_field(s, field) = after;
    };
    if s.trade_id.as_deref() != Some(truth.trade_id.as_str()) {
        out.push(reconcile_change(&ctx, ReconcileField::TradeId, text_of(s.trade_id.as_deref()), text_of(Some(&truth.trade_id))));
        s.trade_id = Some(truth.trade_id.clone());
        // orders_placed is kept: the slot's orders are numbered over its whole life (next_order_number).
        audit_window(&mut s, &ctx, out, Vec::new());
    } else {
        // Every order has ended: the live ids may now be evicted like any other.
        let mut all = s.seen_event_ids.clone();
        all.extend(s.live_event_ids.clone().unwrap_or_default());
        audit_window(&mut s, &ctx, out, all);
    }
    if s.asset.as_deref() != Some(truth.asset.as_str()) {
        out.push(reconcile_change(&ctx, ReconcileField::Asset, text_of(s.asset.as_deref()), text_of(Some(&truth.asset))));
        s.asset = Some(truth.asset.clone());
    }
    let stage_to = match &truth.position {
        None => {
            set(&mut s, out, ReconcileField::Size, 0.0);
            set(&mut s, out, ReconcileField::InitialSize, 0.0);
            set(&mut s, out, ReconcileField::EntryPrice, 0.0);
            set(&mut s, out, ReconcileField::UnrealizedPnl, 0.0);
            if matches!(s.stage, TradeStage::Closed | TradeStage::Idle) { s.stage } else { TradeStage::Idle }
        }
        Some(p) => {
            if s.side != Some(p.side) {
                out.push(reconcile_change(&ctx, ReconcileField::Side, text_of(s.side.map(|x| x.as_str())), text_of(Some(p.side.as_str()))));
                s.side = Some(p.side);
            }
            set(&mut s, out, ReconcileField::Size, p.size);
            set(&mut s, out, ReconcileField::EntryPrice, p.entry_price);
            set(&mut s, out, ReconcileField::InitialSize, p.size);
            if s.active_leg_index != 0 {
                out.push(reconcile_change(&ctx, ReconcileField::ActiveLegIndex, number_text(s.active_leg_index as f64), "0".to_owned()));
                s.active_leg_index = 0;
            }
            if let Some(mark) = s.mark_price {
                let upnl = side_sign(Some(p.side)) * (mark - s.entry_price) * s.size;
                set(&mut s, out, ReconcileField::UnrealizedPnl, upnl);
            }
            if s.exit_leg_ratios.is_none() {
                out.push(reconcile_change(&ctx, ReconcileField::ExitLegRatios, "null".to_owned(), "[1]".to_owned()));
                s.exit_leg_ratios = Some(vec![1.0]);
            }
            TradeStage::PositionOpen
        }
    };
    // 3. The stage.
    if stage_to != s.stage && is_legal_slot_cell(s.stage, Trigger::Reconcile, stage_to) {
        let from = s.stage;
        s.stage = stage_to;
        out.push(slot_transition(&ctx, &s, Trigger::Reconcile, from, stage_to));
    }
    s
}

/// Sets both parts of the idempotency window (event_window.rs): `seen` becomes the ended part and
/// the live part empties, each audited when its size changes (the audit carries the id count).
fn audit_window(s: &mut TradeSlot, ctx: &StepContext, out: &mut Vec<OrderTransition>, seen: Vec<String>) {
    let live_before = s.live_event_ids.as_ref().map_or(0, Vec::len);
    if s.seen_event_ids.len() != seen.len() {
        out.push(reconcile_change(ctx, ReconcileField::SeenEventIds, s.seen_event_ids.len().to_string(), seen.len().to_string()));
    }
    if live_before != 0 {
        out.push(reconcile_change(ctx, ReconcileField::LiveEventIds, live_before.to_string(), "0".to_owned()));
    }
    s.seen_event_ids = seen;
    s.live_event_ids = None;
}
