// R3 ORDER_ACK: NEW -> ACKED (or a CANCEL_PENDING order that was NEW remembers ACKED), and
// the slot moves to the working stage of the order's role.
import type { OrderAck, TradeStage, VenueOrder } from './types.js';
import { orderCell, slotCell } from './matrix.js';
import { slotEffect, type SlotEffect } from './outcome.js';
import { CONTRADICTION, type Contradiction, type EventTarget } from './event-context.js';
import { orderTransition, slotTransition } from './transition.js';
import { copyOrder, setOrder } from './slot.js';

export function workingStage(role: 'ENTRY' | 'EXIT'): TradeStage {
  return role === 'ENTRY' ? 'ENTRY_WORKING' : 'EXIT_WORKING';
}

export function applyAck(t: EventTarget, e: OrderAck): SlotEffect | Contradiction {
  const { slot, order, field, ctx } = t;
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
