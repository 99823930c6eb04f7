//! R11: a venue event that contradicts the slot.

use crate::generated::types::{TradeSlot, TradeStage, VenueOrder, Trigger, OrderTransition, ContradictionEvidence, ContradictionEvidenceReason, OutcomeDetails};
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
            reason: None,
            window: None,
            window_max: None,
            order_id: order.order_id.clone(),
            order_status: order.status,
            price: h.fill.map(|(price, _)| price),
            size: h.fill.map(|(_, size)| size),
            slot_stage: stage_before,
        });
    }
    effect(slot, vec![transition], C::StaleStateReconciling, OutcomeDetails::default(), None)
}

/// R10: the ids of events on the live order fill `seen_event_ids_max`, so this event cannot be
/// remembered: it is not applied, and the slot goes stale with the full window as evidence.
pub(crate) fn window_full_evidence(slot: TradeSlot, order: &VenueOrder, h: &EventHead<'_>, ctx: &StepContext, max: u64) -> SlotEffect {
    let window = slot.live_event_ids.clone().unwrap_or_default();
    let stage = slot.stage;
    let mut effect = contradiction(slot, stage, order, h, ctx);
    if let Some(OrderTransition::SlotTransition(t)) = effect.transitions.first_mut() {
        if let Some(evidence) = t.evidence.as_mut() {
            evidence.reason = Some(ContradictionEvidenceReason::IdempotencyWindowFull);
            evidence.window = Some(window);
            evidence.window_max = Some(max);
        }
    }
    effect.details = OutcomeDetails { reason: Some("IDEMPOTENCY_WINDOW_FULL".to_owned()), ..OutcomeDetails::default() };
    effect
}
