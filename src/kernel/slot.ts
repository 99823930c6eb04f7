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

// Copies are written out field by field, in one fixed key order, rather than with object
// spread: slots and orders carry varying optional fields, which makes spread (and rest
// destructuring) take V8's slow generic path; these literals stay on the fast one.

/** A shallow copy of a slot (arrays and orders shared: they are never mutated). */
export function copySlot(s: TradeSlot): TradeSlot {
  const c: TradeSlot = {
    slot_id: s.slot_id,
    stage: s.stage,
    active_leg_index: s.active_leg_index,
    size: s.size,
    initial_size: s.initial_size,
    entry_price: s.entry_price,
    realized_pnl: s.realized_pnl,
    unrealized_pnl: s.unrealized_pnl,
    fees_paid: s.fees_paid,
    orders_placed: s.orders_placed,
    seen_event_ids: s.seen_event_ids,
  };
  if (s.trade_id !== undefined) c.trade_id = s.trade_id;
  if (s.asset !== undefined) c.asset = s.asset;
  if (s.side !== undefined) c.side = s.side;
  if (s.leverage !== undefined) c.leverage = s.leverage;
  if (s.exit_leg_ratios !== undefined) c.exit_leg_ratios = s.exit_leg_ratios;
  if (s.mark_price !== undefined) c.mark_price = s.mark_price;
  if (s.entry_order !== undefined) c.entry_order = s.entry_order;
  if (s.exit_order !== undefined) c.exit_order = s.exit_order;
  if (s.live_event_ids !== undefined) c.live_event_ids = s.live_event_ids;
  if (s.last_event_ts !== undefined) c.last_event_ts = s.last_event_ts;
  return c;
}

/**
 * A copy of an order with a new status. `cancelMemo` is the status_before_cancel to carry
 * (present only while CANCEL_PENDING): `'keep'` keeps the order's own, `undefined` drops it.
 */
export function copyOrder(
  o: VenueOrder,
  status: VenueOrder['status'],
  cancelMemo: VenueOrder['status_before_cancel'] | 'keep',
): VenueOrder {
  const c: VenueOrder = {
    order_id: o.order_id,
    role: o.role,
    order_side: o.order_side,
    order_type: o.order_type,
    intended_size: o.intended_size,
    filled_size: o.filled_size,
    avg_fill_price: o.avg_fill_price,
    status,
  };
  if (o.limit_price !== undefined) c.limit_price = o.limit_price;
  const memo = cancelMemo === 'keep' ? o.status_before_cancel : cancelMemo;
  if (memo !== undefined) c.status_before_cancel = memo;
  if (o.venue_order_id !== undefined) c.venue_order_id = o.venue_order_id;
  if (o.position_before !== undefined) c.position_before = o.position_before;
  return c;
}

/** Put an order into the slot field that holds it (the slot is the step's own copy). */
export function setOrder(slot: TradeSlot, field: 'entry_order' | 'exit_order', order: VenueOrder): void {
  if (field === 'entry_order') slot.entry_order = order;
  else slot.exit_order = order;
}
