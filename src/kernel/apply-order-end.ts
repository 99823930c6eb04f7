// R7 CANCEL_ACK / ORDER_EXPIRED: the order ends; an entry with nothing filled frees the slot, a
// partly filled entry becomes the position, an ended exit returns to POSITION_OPEN.
import type { CancelAck, OrderExpired, TradeStage, VenueOrder } from './types.js';
import { orderCell, slotCell } from './matrix.js';
import { slotEffect, type SlotEffect } from './outcome.js';
import { CONTRADICTION, type Contradiction, type EventTarget } from './event-context.js';
import { orderTransition, slotTransition } from './transition.js';
import { copyOrder, setOrder } from './slot.js';

export function applyOrderEnd(t: EventTarget, e: CancelAck | OrderExpired): SlotEffect | Contradiction {
  const { slot, order, field, ctx } = t;
  const orderTo = e.kind === 'CANCEL_ACK' ? 'CANCELED' : 'EXPIRED';
  if (!orderCell(order.status, e.kind, orderTo)) return CONTRADICTION;
  const isEntry = order.role === 'ENTRY';
  const stageFrom = slot.stage;
  const stageTo: TradeStage = isEntry && order.filled_size === 0 ? 'IDLE' : 'POSITION_OPEN';
  if (stageTo !== stageFrom && !slotCell(stageFrom, e.kind, stageTo)) return CONTRADICTION;
  const ended: VenueOrder = copyOrder(order, orderTo, undefined);
  setOrder(slot, field, ended);
  if (isEntry && stageTo === 'POSITION_OPEN') slot.initial_size = slot.size;
  slot.stage = stageTo;
  const tradeId = slot.trade_id as string;
  const transitions = [orderTransition(ctx, tradeId, ended, e.kind, order.status, orderTo)];
  if (stageTo !== stageFrom) transitions.push(slotTransition(ctx, slot, e.kind, stageFrom, stageTo));
  return slotEffect(slot, transitions, []);
}
