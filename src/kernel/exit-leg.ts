// R5 EXIT: an exit order for the next leg of an open position.
import type { ExitIntent, OrderAction, OutcomeDetails, TradeSlot, VenueOrder } from './types.js';
import { slotCell } from './matrix.js';
import { nextOrderNumber, orderId } from './order-id.js';
import { refusal, slotEffect, type Refusal, type SlotEffect } from './outcome.js';
import { checkNotStale, checkTradeId } from './trade-id.js';
import { slotTransition, type StepContext } from './transition.js';
import { copySlot } from './slot.js';

/**
 * Size of the next leg: the last leg (or any index past it) takes all that remains; the others
 * take `initial_size * ratio`. A leg larger than the open size is clamped to it. A fraction of
 * a denormal position can underflow to 0: such a leg takes all that remains too, since an
 * order of size 0 cannot fill and the later legs could then never be reached.
 */
export function nextLegSize(slot: TradeSlot): { readonly leg: number; readonly requested: number; readonly clamped: boolean } {
  const ratios: readonly number[] = slot.exit_leg_ratios ?? [1];
  const i = slot.active_leg_index;
  const fraction = i >= ratios.length - 1 ? 0 : slot.initial_size * (ratios[i] as number);
  const requested = fraction > 0 ? fraction : slot.size;
  return requested > slot.size
    ? { leg: slot.size, requested, clamped: true }
    : { leg: requested, requested, clamped: false };
}

export function exitLeg(slot: TradeSlot, i: ExitIntent, ctx: StepContext): Refusal | SlotEffect {
  const stale = checkNotStale(slot);
  if (stale !== undefined) return stale;
  const to = 'EXIT_REQUESTED';
  if (slot.stage !== 'POSITION_OPEN' || !slotCell(slot.stage, 'EXIT', to)) {
    return refusal('ILLEGAL_TRANSITION', { stage: slot.stage });
  }
  const mismatch = checkTradeId(slot, i.trade_id);
  if (mismatch !== undefined) return mismatch;
  const tradeId = slot.trade_id as string;
  const n = nextOrderNumber(slot);
  if (typeof n !== 'number') return n;
  const { leg, requested, clamped } = nextLegSize(slot);
  const order: VenueOrder = {
    order_id: orderId(tradeId, n),
    role: 'EXIT',
    order_side: slot.side === 'SHORT' ? 'BUY' : 'SELL',
    order_type: i.order_type,
    intended_size: leg,
    filled_size: 0,
    avg_fill_price: 0,
    status: 'NEW',
    position_before: slot.size,
  };
  if (i.limit_price !== undefined) order.limit_price = i.limit_price;
  const next: TradeSlot = copySlot(slot);
  next.stage = to;
  next.orders_placed = n;
  next.exit_order = order;
  const action: OrderAction = {
    type: 'PLACE_ORDER',
    slot_id: slot.slot_id,
    trade_id: tradeId,
    order_id: order.order_id,
    role: 'EXIT',
    asset: slot.asset as string,
    order_side: order.order_side,
    order_type: i.order_type,
    size: leg,
    reduce_only: true,
  };
  if (i.limit_price !== undefined) action.limit_price = i.limit_price;
  const details: OutcomeDetails = clamped ? { requested_size: requested, clamped_size: leg } : {};
  return slotEffect(
    next,
    [slotTransition(ctx, next, 'EXIT', slot.stage, to)],
    [action],
    clamped ? 'EXIT_SIZE_CLAMPED' : 'OK',
    details,
  );
}
