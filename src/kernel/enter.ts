// R2 ENTER: open a new trade on an IDLE or CLOSED slot (after R1 and the mode policy).
import type { AccountState, EnterIntent, OrderAction, TradeSlot, VenueOrder } from './types.js';
import { entryNeedsGapFreeAccount, entryNeedsReconciledAccount, slotCell } from './matrix.js';
import { nextOrderNumber, orderId } from './order-id.js';
import { refusal, slotEffect, type Refusal, type SlotEffect } from './outcome.js';
import { slotTransition, type StepContext } from './transition.js';

export function enter(
  slot: TradeSlot,
  i: EnterIntent,
  ctx: StepContext,
  account: AccountState,
): Refusal | SlotEffect {
  if (entryNeedsReconciledAccount(ctx.mode) && account.reconcile_status !== 'OK') {
    return refusal('MODE_FORBIDDEN', { reason: 'ACCOUNT_NOT_RECONCILED' });
  }
  // An account that agrees with E while some of E's events are missing agrees by accident.
  if (entryNeedsGapFreeAccount(ctx.mode) && account.seq_gaps !== undefined) {
    return refusal('MODE_FORBIDDEN', { reason: 'ACCOUNT_SEQ_GAPS' });
  }
  if (slot.stage === 'STALE_STATE_RECONCILING') {
    return refusal('STALE_STATE_RECONCILING', { stage: slot.stage });
  }
  const to = 'ORDER_REQUESTED';
  if ((slot.stage !== 'IDLE' && slot.stage !== 'CLOSED') || !slotCell(slot.stage, 'ENTER', to)) {
    return refusal('SLOT_BUSY', { stage: slot.stage });
  }
  // A trade id names one trade: a retried ENTER whose first answer was lost must not open a
  // second trade. (Order ids stay unique however trade ids come back: see nextOrderNumber.)
  if (slot.trade_id === i.trade_id) {
    return refusal('INVALID_INTENT', { field: 'trade_id', value: i.trade_id, reason: 'TRADE_ID_REUSED' });
  }
  const n = nextOrderNumber(slot);
  if (typeof n !== 'number') return n;
  const order: VenueOrder = {
    order_id: orderId(i.trade_id, n),
    role: 'ENTRY',
    order_side: i.side === 'LONG' ? 'BUY' : 'SELL',
    order_type: i.order_type,
    intended_size: i.target_size,
    filled_size: 0,
    avg_fill_price: 0,
    status: 'NEW',
  };
  if (i.limit_price !== undefined) order.limit_price = i.limit_price;
  // Every trade field is replaced; exit_order and mark_price go; last_event_ts is kept, and so is
  // the order counter (nextOrderNumber).
  const next: TradeSlot = {
    slot_id: slot.slot_id,
    stage: to,
    trade_id: i.trade_id,
    asset: i.asset,
    side: i.side,
    leverage: i.leverage,
    exit_leg_ratios: [...i.exit_leg_ratios] as TradeSlot['exit_leg_ratios'] & number[],
    active_leg_index: 0,
    size: 0,
    initial_size: 0,
    entry_price: 0,
    realized_pnl: 0,
    unrealized_pnl: 0,
    fees_paid: 0,
    orders_placed: n,
    entry_order: order,
    seen_event_ids: [],
  };
  if (slot.last_event_ts !== undefined) next.last_event_ts = slot.last_event_ts;
  const action: OrderAction = {
    type: 'PLACE_ORDER',
    slot_id: slot.slot_id,
    trade_id: i.trade_id,
    order_id: order.order_id,
    role: 'ENTRY',
    asset: i.asset,
    order_side: order.order_side,
    order_type: i.order_type,
    size: i.target_size,
    reduce_only: false,
  };
  if (i.limit_price !== undefined) action.limit_price = i.limit_price;
  return slotEffect(next, [slotTransition(ctx, next, 'ENTER', slot.stage, to)], [action]);
}
