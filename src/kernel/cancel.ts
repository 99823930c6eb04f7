// R7 CANCEL: cancel whichever order of the slot is live; never silently ignored.
import type { CancelIntent, OrderAction, TradeSlot, VenueOrder } from './types.js';
import { orderCell } from './matrix.js';
import { refusal, slotEffect, type Refusal, type SlotEffect } from './outcome.js';
import { checkNotStale, checkTradeId } from './trade-id.js';
import { orderTransition, type StepContext } from './transition.js';
import { copyOrder, copySlot, setOrder } from './slot.js';

/** The live order: the entry order while entering, the exit order while exiting. */
export function liveOrderField(slot: TradeSlot): 'entry_order' | 'exit_order' | undefined {
  switch (slot.stage) {
    case 'ORDER_REQUESTED':
    case 'ENTRY_WORKING':
      return slot.entry_order !== undefined ? 'entry_order' : undefined;
    case 'EXIT_REQUESTED':
    case 'EXIT_WORKING':
      return slot.exit_order !== undefined ? 'exit_order' : undefined;
    default:
      return undefined;
  }
}

export function cancel(slot: TradeSlot, i: CancelIntent, ctx: StepContext): Refusal | SlotEffect {
  const mismatch = checkTradeId(slot, i.trade_id);
  if (mismatch !== undefined) return mismatch;
  const stale = checkNotStale(slot);
  if (stale !== undefined) return stale;
  const field = liveOrderField(slot);
  if (field === undefined) return refusal('NO_ACTIVE_ORDER', { stage: slot.stage });
  const order = slot[field] as VenueOrder;
  if (order.status === 'CANCEL_PENDING' || !orderCell(order.status, 'CANCEL', 'CANCEL_PENDING')) {
    return refusal('ILLEGAL_TRANSITION', { order_status: order.status });
  }
  const pending: VenueOrder = copyOrder(order, 'CANCEL_PENDING', order.status);
  const next: TradeSlot = copySlot(slot);
  setOrder(next, field, pending);
  const tradeId = slot.trade_id as string;
  const action: OrderAction = {
    type: 'CANCEL_ORDER',
    slot_id: slot.slot_id,
    trade_id: tradeId,
    order_id: order.order_id,
  };
  return slotEffect(
    next,
    [orderTransition(ctx, tradeId, pending, 'CANCEL', order.status, 'CANCEL_PENDING')],
    [action],
  );
}
