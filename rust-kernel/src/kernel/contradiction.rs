//! R11: a venue event that contradicts the slot.

use crate::generated::types::{TradeSlot, TradeStage, VenueOrder, Trigger, OrderTransition, ContradictionEvidence, OutcomeDetails};
use crate::generated::types::DiagnosticCode as C;

use super::event_context::{EventHead, effect};
use super::outcome::SlotEffect;
use super::transition::{StepContext, slot_transition};

/// R11: the slot goes stale with the evidence; nothing else changes.
pub(crate) fn contradiction(mut slot: TradeSlot, stage_before: TradeStage, order: &VenueOrder, h: &EventHead<'_>, ctx: &StepContext) -> SlotEffect {
    slot.stage = TradeStage::StaleStateReconciling;
    let mut transition = slot_transition(ctx, &slot, Trigger::Contradiction, stage_before, TradeStage::StaleStateReconciling);
    if let OrderTransition::SlotTransition(t) = &mut transition {
        t.evidence = Some(ContradictionEvidence {
            event_id: h.event_id.to_owned(),
            event_kind: h.kind,
            order_id: order.order_id.clone(),
            order_status: order.status,
            price: h.fill.map(|(price, _)| price),
            size: h.fill.map(|(_, size)| size),
            slot_stage: stage_before,
        });
    }
    effect(slot, vec![transition], C::StaleStateReconciling, OutcomeDetails::default(), None)
}
