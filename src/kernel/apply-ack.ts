// R3 ORDER_ACK: NEW -> ACKED (or a CANCEL_PENDING order that was NEW remembers ACKED), and
// the slot moves to the working stage of the order's role. R11: an ack that arrives after the
// venue already acted on the order is a late ack, a benign race, never a contradiction.
import type { OrderAck, TradeStage, VenueOrder } from './types.js';
import { isTerminal, orderCell, slotCell } from './matrix.js';
import { slotEffect, type SlotEffect } from './outcome.js';
import { CONTRADICTION, type Contradiction, type EventTarget } from './event-context.js';
import { orderTransition, slotTransition } from './transition.js';
import { copyOrder, setOrder } from './slot.js';

export function workingStage(role: 'ENTRY' | 'EXIT'): TradeStage {
  return role === 'ENTRY' ? 'ENTRY_WORKING' : 'EXIT_WORKING';
}

/**
 * Whether an ack comes after the venue already acted on the order: a fill or an implicit ack
 * (ACKED, PARTIALLY_FILLED), a cancel request made after the ack (CANCEL_PENDING from ACKED or
 * PARTIALLY_FILLED), or a terminal status. CANCEL_PENDING from NEW is not late: the venue has
 * not acted yet and its ack still moves the slot (R3).
 */
export function isLateAck(order: VenueOrder): boolean {
  if (order.status === 'CANCEL_PENDING') return order.status_before_cancel !== 'NEW';
  return order.status === 'ACKED' || order.status === 'PARTIALLY_FILLED' || isTerminal(order.status);
}

/** A late ack: accepted, no transition, the venue order id stored if it was missing. */
function lateAck(t: EventTarget, e: OrderAck): SlotEffect {
  const { slot, order, field } = t;
  if (order.venue_order_id === undefined && e.venue_order_id !== undefined) {
    const next = copyOrder(order, order.status, 'keep');
    next.venue_order_id = e.venue_order_id;
    setOrder(slot, field, next);
  }
  return slotEffect(slot, [], [], 'LATE_ACK', { order_id: order.order_id, order_status: order.status });
}

export function applyAck(t: EventTarget, e: OrderAck): SlotEffect | Contradiction {
  const { slot, order, field, ctx } = t;
  if (isLateAck(order)) return lateAck(t, e);
  const from = order.status;
  let next: VenueOrder;
  if (from === 'NEW' && orderCell(from, 'ORDER_ACK', 'ACKED')) {
    next = copyOrder(order, 'ACKED', 'keep');
  } else if (from === 'CANCEL_PENDING' && order.status_before_cancel === 'NEW' && orderCell(from, 'ORDER_ACK', from)) {
    next = copyOrder(order, from, 'ACKED');
  } else {
    return CONTRADICTION;
  }
  const stageFrom = slot.stage;
  const stageTo = workingStage(order.role);
  if (!slotCell(stageFrom, 'ORDER_ACK', stageTo)) return CONTRADICTION;
  if (e.venue_order_id !== undefined) next.venue_order_id = e.venue_order_id;
  setOrder(slot, field, next);
  slot.stage = stageTo;
  const tradeId = slot.trade_id as string;
  return slotEffect(slot, [
    orderTransition(ctx, tradeId, next, 'ORDER_ACK', from, next.status),
    slotTransition(ctx, slot, 'ORDER_ACK', stageFrom, stageTo),
  ], []);
}
