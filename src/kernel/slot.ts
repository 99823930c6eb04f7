// The empty slot and small queries over a slot. Slots are values: a step that changes a slot
// builds a new object and the kernel commits it only when the step is accepted, so a refused
// step cannot leave a half-changed slot behind.
import type { TradeSlot, VenueOrder } from './types.js';

export function emptySlot(slotId: number): TradeSlot {
  return {
    slot_id: slotId,
    stage: 'IDLE',
    active_leg_index: 0,
    size: 0,
    initial_size: 0,
    entry_price: 0,
    realized_pnl: 0,
    unrealized_pnl: 0,
    fees_paid: 0,
    orders_placed: 0,
    seen_event_ids: [],
  };
}

/** The slot's order with this id (entry first), and which field holds it. */
export function findOrder(
  slot: TradeSlot,
  orderId: string,
): { readonly order: VenueOrder; readonly field: 'entry_order' | 'exit_order' } | undefined {
  if (slot.entry_order !== undefined && slot.entry_order.order_id === orderId) {
    return { order: slot.entry_order, field: 'entry_order' };
  }
  if (slot.exit_order !== undefined && slot.exit_order.order_id === orderId) {
    return { order: slot.exit_order, field: 'exit_order' };
  }
  return undefined;
}

/**
 * seen_event_ids with one more id, the oldest evicted first once `max` ids are held. The bound
 * keeps memory per slot flat; an evicted duplicate is then caught only by the fill clamp.
 */
export function rememberEvent(seen: readonly string[], eventId: string, max: number): string[] {
  const keep = seen.length >= max ? seen.slice(seen.length - max + 1) : seen.slice();
  keep.push(eventId);
  return keep;
}

/** An order without its status_before_cancel (present only while CANCEL_PENDING). */
export function withoutCancelMemo(order: VenueOrder): VenueOrder {
  const { status_before_cancel: _dropped, ...rest } = order;
  return rest;
}
