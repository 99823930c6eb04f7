//! What a snapshot must satisfy beyond its schema before a kernel adopts it. The schema cannot
//! relate one field to another; these checks do, for every fact a rule relies on without
//! re-checking it. Every state the kernel reaches passes them (the fuzzer's invariant
//! `snapshot-restorable`, on the TypeScript twin).

use crate::canonical::number_text;
use crate::generated::tables::{is_legal_order_cell, ORDER_TERMINAL};
use crate::generated::types::{AccountState, CoreSnapshot, OrderStatus, TradeSlot, TradeStage, Trigger, VenueOrder};

/// Why a snapshot cannot be restored although it is schema-valid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SnapshotShapeError {
    /// JSON pointer into the snapshot.
    pub path: String,
    /// What is wrong.
    pub message: String,
}

/// The message names the path, as the TypeScript twin's does (`... at /slots/0/stage`).
fn shape_error(path: String, message: String) -> SnapshotShapeError {
    SnapshotShapeError { message: format!("{message} at {path}"), path }
}

/// A live order is `status_before_cancel` for CANCEL_PENDING, else its status (R7). Asked only
/// after check_cancel_memory, so the memory is held exactly while CANCEL_PENDING.
fn phase_of(o: &VenueOrder) -> OrderStatus {
    o.status_before_cancel.unwrap_or(o.status)
}

/// The order when it is there and has not ended.
fn live_order(o: Option<&VenueOrder>) -> Option<&VenueOrder> {
    o.filter(|o| !ORDER_TERMINAL.contains(&o.status))
}

/// R7: `status_before_cancel` is held exactly while CANCEL_PENDING, and names a status a cancel starts from.
fn check_cancel_memory(o: &VenueOrder, path: &str) -> Result<(), SnapshotShapeError> {
    let pending = o.status == OrderStatus::CancelPending;
    if pending != o.status_before_cancel.is_some() {
        return Err(shape_error(
            format!("{path}/status_before_cancel"),
            format!("status_before_cancel is held exactly while CANCEL_PENDING (status {})", o.status.as_str()),
        ));
    }
    match o.status_before_cancel {
        Some(back) if !is_legal_order_cell(back, Trigger::Cancel, OrderStatus::CancelPending) => {
            Err(shape_error(format!("{path}/status_before_cancel"), format!("no cancel starts from {}", back.as_str())))
        }
        _ => Ok(()),
    }
}

/// R2, R5: a slot numbers its orders over its life, so every order it holds whose id ends in a
/// number the kernel could give (`#` and digits without a leading zero) is numbered at most
/// `orders_placed`. One numbered past it would see its id given again to a new order.
fn check_order_number(o: &VenueOrder, orders_placed: u64, path: &str) -> Result<(), SnapshotShapeError> {
    let Some((_, digits)) = o.order_id.rsplit_once('#') else { return Ok(()) };
    let numbered = !digits.is_empty() && !digits.starts_with('0') && digits.bytes().all(|b| b.is_ascii_digit());
    // Too many digits for a u64 exceed any counter too.
    if numbered && digits.parse::<u64>().map_or(true, |n| n > orders_placed) {
        return Err(shape_error(
            format!("{path}/order_id"),
            format!("order {} is numbered past orders_placed {orders_placed}, so its id would be given again", o.order_id),
        ));
    }
    Ok(())
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum LiveOrder {
    None,
    Entry,
    Exit,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum SizeNeed {
    Zero,
    Positive,
    Any,
}

const WORKING: &[OrderStatus] = &[OrderStatus::Acked, OrderStatus::PartiallyFilled];
const REQUESTED: &[OrderStatus] = &[OrderStatus::New];

/// The order a stage needs live (and in which phase), and whether it needs an open position.
fn stage_needs(stage: TradeStage) -> (LiveOrder, &'static [OrderStatus], SizeNeed) {
    match stage {
        TradeStage::Idle | TradeStage::Closed => (LiveOrder::None, &[], SizeNeed::Zero),
        TradeStage::OrderRequested => (LiveOrder::Entry, REQUESTED, SizeNeed::Any),
        TradeStage::EntryWorking => (LiveOrder::Entry, WORKING, SizeNeed::Any),
        TradeStage::PositionOpen => (LiveOrder::None, &[], SizeNeed::Positive),
        TradeStage::ExitRequested => (LiveOrder::Exit, REQUESTED, SizeNeed::Positive),
        TradeStage::ExitWorking => (LiveOrder::Exit, WORKING, SizeNeed::Positive),
        TradeStage::StaleStateReconciling => (LiveOrder::None, &[], SizeNeed::Any),
    }
}

/// R2-R9: the stage and the orders tell the same story (an ack moves both, R3).
fn check_stage_orders(s: &TradeSlot, path: &str) -> Result<(), SnapshotShapeError> {
    if s.stage == TradeStage::StaleStateReconciling {
        return Ok(());
    }
    let fail = |why: String| Err(shape_error(format!("{path}/stage"), format!("stage {} {why}", s.stage.as_str())));
    let (needed, phases, size) = stage_needs(s.stage);
    for (field, which, o) in [("entry_order", LiveOrder::Entry, s.entry_order.as_ref()), ("exit_order", LiveOrder::Exit, s.exit_order.as_ref())] {
        match (which == needed, live_order(o)) {
            (false, Some(o)) => return fail(format!("holds a live {field} ({})", o.status.as_str())),
            (true, None) => return fail(format!("needs a live {field}")),
            (true, Some(o)) if !phases.contains(&phase_of(o)) => {
                return fail(format!("does not hold a {field} in phase {}", phase_of(o).as_str()));
            }
            _ => {}
        }
    }
    match size {
        SizeNeed::Zero if s.size != 0.0 => fail(format!("holds size {}", number_text(s.size))),
        SizeNeed::Positive if s.size <= 0.0 => fail(format!("needs an open size, holds {}", number_text(s.size))),
        _ => Ok(()),
    }
}

/// R14: the gaps are increasing, disjoint and below event_seq (their count is the schema's maxItems); the last update is not missing.
fn check_account_seqs(a: &AccountState) -> Result<(), SnapshotShapeError> {
    let gaps = a.seq_gaps.as_deref().unwrap_or(&[]);
    let mut floor: u64 = 1;
    for (i, g) in gaps.iter().enumerate() {
        if !(g.from >= floor && g.from <= g.to && g.to < a.event_seq) {
            return Err(shape_error(
                format!("/account/seq_gaps/{i}"),
                format!("gap {}-{} is not increasing, disjoint and below event_seq {}", g.from, g.to, a.event_seq),
            ));
        }
        floor = g.to.saturating_add(2);
    }
    match a.e_update_seq {
        Some(u) if u > a.event_seq || gaps.iter().any(|g| g.from <= u && u <= g.to) => Err(shape_error(
            "/account/e_update_seq".to_owned(),
            format!("update seq {u} was never applied (event_seq {})", a.event_seq),
        )),
        _ => Ok(()),
    }
}

/// One slot per configured slot in slot_id order, then the orders, the stages and the account seqs.
pub fn check_snapshot_shape(s: &CoreSnapshot) -> Result<(), SnapshotShapeError> {
    if s.slots.len() as u64 != s.config.slot_count {
        return Err(shape_error(
            "/slots".to_owned(),
            format!("snapshot holds {} slots but config.slot_count is {}", s.slots.len(), s.config.slot_count),
        ));
    }
    for (i, slot) in s.slots.iter().enumerate() {
        if slot.slot_id != i as u64 {
            return Err(shape_error(format!("/slots/{i}/slot_id"), format!("slot {i} has slot_id {}", slot.slot_id)));
        }
        for (field, o) in [("entry_order", slot.entry_order.as_ref()), ("exit_order", slot.exit_order.as_ref())] {
            if let Some(o) = o {
                check_cancel_memory(o, &format!("/slots/{i}/{field}"))?;
                check_order_number(o, slot.orders_placed, &format!("/slots/{i}/{field}"))?;
            }
        }
        check_stage_orders(slot, &format!("/slots/{i}"))?;
    }
    check_account_seqs(&s.account)
}
