// Venue events: the checks in the order of docs/kernel-semantics.md, then the handler of the
// event kind, or a contradiction when the matrices cannot place it.
import type { AccountState, KernelConfig, TradeSlot, VenueEvent } from './types.js';
import { refusal, type Refusal, type SlotEffect } from './outcome.js';
import { checkEventNumbers } from './validate-intent.js';
import { checkNotStale, checkTradeId } from './trade-id.js';
import { copySlot, findOrder } from './slot.js';
import { hasSeenEvent, rememberEvent, settleLiveIds, windowFull } from './event-window.js';
import { isTerminal } from './matrix.js';
import type { StepContext } from './transition.js';
import { CONTRADICTION, type Contradiction, type EventTarget } from './event-context.js';
import { applyAck } from './apply-ack.js';
import { applyFill } from './apply-fill.js';
import { applyOrderEnd } from './apply-order-end.js';
import { applyCancelRejected, applyOrderRejected } from './apply-reject.js';
import { contradiction, windowFullEvidence } from './contradiction.js';

type Found = NonNullable<ReturnType<typeof findOrder>>;

/** Checks 1 (numbers; the slot id is checked by the caller) to 6; the order named when they pass. */
function checkEvent(slot: TradeSlot, e: VenueEvent): Refusal | Found {
  const bad = checkEventNumbers(e) ?? checkTradeId(slot, e.trade_id);
  if (bad !== undefined) return bad;
  if (hasSeenEvent(slot, e.event_id)) return refusal('DUPLICATE_EVENT', { event_id: e.event_id });
  const found = findOrder(slot, e.order_id);
  if (found === undefined) return refusal('UNKNOWN_ORDER', { order_id: e.order_id });
  const stale = checkNotStale(slot);
  if (stale !== undefined) return stale;
  if (e.kind === 'RATE_LIMITED') {
    return refusal('RATE_LIMITED', { order_id: e.order_id, retry_after_ms: e.retry_after_ms, retryable: true });
  }
  return found;
}

function dispatch(t: EventTarget, e: VenueEvent): SlotEffect | Contradiction {
  switch (e.kind) {
    case 'ORDER_ACK':
      return applyAck(t, e);
    case 'PARTIAL_FILL':
    case 'FILL':
      return applyFill(t, e);
    case 'CANCEL_ACK':
    case 'ORDER_EXPIRED':
      return applyOrderEnd(t, e);
    case 'ORDER_REJECTED':
      return applyOrderRejected(t, e);
    case 'CANCEL_REJECTED':
      return applyCancelRejected(t, e);
    case 'RATE_LIMITED':
      return CONTRADICTION; // unreachable: refused by checkEvent
  }
}

export function venueEvent(
  slot: TradeSlot,
  e: VenueEvent,
  ctx: StepContext,
  account: AccountState,
  config: KernelConfig,
): Refusal | SlotEffect {
  const found = checkEvent(slot, e);
  if ('refused' in found) return found;
  const base: TradeSlot = copySlot(slot);
  base.last_event_ts = e.ts;
  // R10: an id that cannot be remembered without forgetting a live one is not applied.
  if (windowFull(slot, config.seen_event_ids_max)) {
    return windowFullEvidence(base, found.order, e, ctx, config.seen_event_ids_max);
  }
  // Applied or contradicted, the event id is remembered and last_event_ts moves.
  rememberEvent(base, e.event_id, !isTerminal(found.order.status), config.seen_event_ids_max);
  const target: EventTarget = {
    slot: base,
    order: found.order,
    field: found.field,
    ctx,
    account,
    takerRate: config.exchange.taker_rate,
    makerRate: config.exchange.maker_rate,
    tolerance: config.reconcile_tolerance,
  };
  const effect = dispatch(target, e);
  if (effect === CONTRADICTION) return contradiction(base, slot.stage, found.order, e, ctx);
  settleLiveIds(effect.slot);
  return effect;
}
