//! What an event handler needs besides the event: the common fields of the event, the step's
//! own copy of the slot, the order as it was, and the fee and ledger parameters.

use crate::generated::types::{VenueEventKind, VenueEvent, TradeSlot, VenueOrder, AccountState, OrderTransition, OutcomeDetails};
use crate::generated::types::DiagnosticCode as C;

use super::outcome::SlotEffect;
use super::slot::OrderField;
use super::transition::StepContext;

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
pub(crate) struct EventHead<'e> {
    pub(crate) event_id: &'e str,
    pub(crate) trade_id: &'e str,
    pub(crate) order_id: &'e str,
    pub(crate) ts: u64,
    pub(crate) kind: VenueEventKind,
    pub(crate) fill: Option<(f64, f64)>,
}

pub(crate) fn head(e: &VenueEvent) -> EventHead<'_> {
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

/// What a handler works on: the step's own copy of the slot and the order as it was.
pub(crate) struct Target<'a> {
    pub(crate) slot: TradeSlot,
    pub(crate) order: VenueOrder,
    pub(crate) field: OrderField,
    pub(crate) ctx: &'a StepContext,
    pub(crate) account: &'a AccountState,
    pub(crate) fees: FeeParams,
}

pub(crate) fn effect(slot: TradeSlot, transitions: Vec<OrderTransition>, code: C, details: OutcomeDetails, account: Option<AccountState>) -> SlotEffect {
    SlotEffect { slot, account, transitions, actions: Vec::new(), code, details }
}
