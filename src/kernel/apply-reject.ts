// R8 ORDER_REJECTED and R7 CANCEL_REJECTED.
import type { CancelRejected, OrderRejected, OutcomeDetails, TradeStage, VenueOrder } from './types.js';
import { orderCell, slotCell } from './matrix.js';
import { slotEffect, type SlotEffect } from './outcome.js';
import { CONTRADICTION, type Contradiction, type EventTarget } from './event-context.js';
import { orderTransition, slotTransition } from './transition.js';
import { copyOrder, setOrder } from './slot.js';

function rejectionDetails(orderId: string, reason: string | undefined): OutcomeDetails {
  return reason === undefined ? { order_id: orderId } : { order_id: orderId, reason };
}

/** A refused order: an entry frees the slot, an exit returns to POSITION_OPEN. */
export function applyOrderRejected(t: EventTarget, e: OrderRejected): SlotEffect | Contradiction {
  const { slot, order, field, ctx } = t;
  const wasNew = order.status === 'NEW' || (order.status === 'CANCEL_PENDING' && order.status_before_cancel === 'NEW');
  if (!wasNew || !orderCell(order.status, 'ORDER_REJECTED', 'REJECTED')) return CONTRADICTION;
  const isEntry = order.role === 'ENTRY';
  const stageFrom = slot.stage;
  const stageTo: TradeStage = isEntry ? 'IDLE' : 'POSITION_OPEN';
  if (!slotCell(stageFrom, 'ORDER_REJECTED', stageTo)) return CONTRADICTION;
  const rejected: VenueOrder = copyOrder(order, 'REJECTED', undefined);
  setOrder(slot, field, rejected);
  slot.stage = stageTo;
  const tradeId = slot.trade_id as string;
  return slotEffect(
    slot,
    [
      orderTransition(ctx, tradeId, rejected, 'ORDER_REJECTED', order.status, 'REJECTED'),
      slotTransition(ctx, slot, 'ORDER_REJECTED', stageFrom, stageTo),
    ],
    [],
    isEntry ? 'ORDER_REJECTED' : 'EXIT_ORDER_REJECTED',
    rejectionDetails(order.order_id, e.reason),
  );
}

/** A refused cancel: the order goes back to the status it had before the cancel. */
export function applyCancelRejected(t: EventTarget, e: CancelRejected): SlotEffect | Contradiction {
  const { slot, order, field, ctx } = t;
  const back = order.status_before_cancel;
  if (order.status !== 'CANCEL_PENDING' || back === undefined || !orderCell(order.status, 'CANCEL_REJECTED', back)) {
    return CONTRADICTION;
  }
  const restored: VenueOrder = copyOrder(order, back, undefined);
  setOrder(slot, field, restored);
  const tradeId = slot.trade_id as string;
  return slotEffect(
    slot,
    [orderTransition(ctx, tradeId, restored, 'CANCEL_REJECTED', order.status, back)],
    [],
    'CANCEL_REJECTED',
    rejectionDetails(order.order_id, e.reason),
  );
}
