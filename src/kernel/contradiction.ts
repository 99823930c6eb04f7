// R11 contradictions: an event the matrices cannot place moves the slot to
// STALE_STATE_RECONCILING with the evidence; nothing else changes.
import type { TradeSlot, VenueEvent, VenueOrder } from './types.js';
import type { OrderTransition } from './types.js';
import { slotCell } from './matrix.js';
import { slotEffect, type SlotEffect } from './outcome.js';
import { slotTransition, type StepContext } from './transition.js';

export function contradiction(
  slot: TradeSlot,
  stageBefore: TradeSlot['stage'],
  order: VenueOrder,
  e: VenueEvent,
  ctx: StepContext,
): SlotEffect {
  if (!slotCell(stageBefore, 'CONTRADICTION', 'STALE_STATE_RECONCILING')) {
    throw new Error(`slot matrix has no CONTRADICTION cell from ${stageBefore}`);
  }
  slot.stage = 'STALE_STATE_RECONCILING';
  const t: OrderTransition = slotTransition(ctx, slot, 'CONTRADICTION', stageBefore, 'STALE_STATE_RECONCILING');
  const evidence: NonNullable<Extract<OrderTransition, { machine: 'SLOT' }>['evidence']> = {
    event_id: e.event_id,
    event_kind: e.kind,
    order_id: order.order_id,
    order_status: order.status,
    slot_stage: stageBefore,
  };
  if (e.kind === 'PARTIAL_FILL' || e.kind === 'FILL') {
    evidence.price = e.price;
    evidence.size = e.size;
  }
  if (t.machine === 'SLOT') t.evidence = evidence;
  return slotEffect(slot, [t], [], 'STALE_STATE_RECONCILING', {});
}

/**
 * R10: the ids of events on the live order fill `seen_event_ids_max`, so this event cannot be
 * remembered: it is not applied, and the slot goes stale with the full window as evidence
 * (only a reconcile, which ends the live order, makes room).
 */
export function windowFullEvidence(slot: TradeSlot, order: VenueOrder, e: VenueEvent, ctx: StepContext, max: number): SlotEffect {
  const effect = contradiction(slot, slot.stage, order, e, ctx);
  const t = effect.transitions[0];
  if (t?.machine === 'SLOT' && t.evidence !== undefined) {
    t.evidence.reason = 'IDEMPOTENCY_WINDOW_FULL';
    t.evidence.window = [...(slot.live_event_ids ?? [])];
    t.evidence.window_max = max;
  }
  return slotEffect(effect.slot, effect.transitions, [], 'STALE_STATE_RECONCILING', { reason: 'IDEMPOTENCY_WINDOW_FULL' });
}
