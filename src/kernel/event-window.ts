// R10 the idempotency window of a slot, in two parts: the ids of events applied to the live
// (non-terminal) order, which are never evicted (forgetting one would let a replay apply it
// twice), and the ids of events on orders that have ended, which may be evicted oldest first
// (any event on an ended order is refused or is a contradiction anyway). Both together hold at
// most `seen_event_ids_max` ids; when the live ids alone fill the bound the event cannot be
// remembered, so it is not applied and the slot waits for a reconcile.
import type { TradeSlot } from './types.js';
import { isLive } from './matrix.js';

/** Whether the slot remembers the event id (either part of the window). */
export function hasSeenEvent(slot: TradeSlot, eventId: string): boolean {
  return slot.seen_event_ids.includes(eventId) || (slot.live_event_ids?.includes(eventId) ?? false);
}

/** Whether a new id cannot be remembered without evicting a live one (ended ids can make room). */
export function windowFull(slot: TradeSlot, max: number): boolean {
  return (slot.live_event_ids?.length ?? 0) >= max;
}

/**
 * Remembers `eventId` in the slot (the step's own copy): in the live part when the event named
 * a live order, else in the ended part; the oldest ended ids make room. The caller checked
 * windowFull first.
 */
export function rememberEvent(slot: TradeSlot, eventId: string, orderWasLive: boolean, max: number): void {
  const live = slot.live_event_ids ?? [];
  const excess = slot.seen_event_ids.length + live.length + 1 - max;
  const seen = excess > 0 ? slot.seen_event_ids.slice(excess) : slot.seen_event_ids.slice();
  if (orderWasLive) {
    slot.live_event_ids = [...live, eventId];
  } else {
    seen.push(eventId);
  }
  slot.seen_event_ids = seen;
}

/** Whether the slot holds an order that has not ended. */
export function hasLiveOrder(slot: TradeSlot): boolean {
  return isLive(slot.entry_order) || isLive(slot.exit_order);
}

/**
 * Once no order of the slot is live, the live ids join the ended ones (they may now be evicted);
 * the total is unchanged, so nothing is evicted here.
 */
export function settleLiveIds(slot: TradeSlot): void {
  if (slot.live_event_ids === undefined || hasLiveOrder(slot)) return;
  slot.seen_event_ids = [...slot.seen_event_ids, ...slot.live_event_ids];
  delete slot.live_event_ids;
}
