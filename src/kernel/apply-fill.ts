// R4, R6 fills: an implicit ack when the order was never acknowledged, the fill arithmetic in
// the exact order of operations of docs/kernel-semantics.md, fees, PnL of exit fills, and the
// slot stage the fill completes.
import type { Fill, OrderTransition, OutcomeDetails, PartialFill, TradeStage, VenueOrder } from './types.js';
import { bookFill } from './account.js';
import { orderCell, slotCell } from './matrix.js';
import { sideSign } from './numbers.js';
import { slotEffect, type SlotEffect } from './outcome.js';
import { CONTRADICTION, type Contradiction, type EventTarget } from './event-context.js';
import { orderTransition, slotTransition } from './transition.js';
import { workingStage } from './apply-ack.js';
import { copyOrder, setOrder } from './slot.js';
import { revalue } from './mark-price.js';

/** The fill applied to an order: clamped to what remains, averaged, and whether it completes. */
export interface FillArithmetic {
  readonly applied: number;
  readonly filled: number;
  readonly avg: number;
  readonly clamped: boolean;
  readonly complete: boolean;
}

export function fillArithmetic(order: VenueOrder, kind: 'FILL' | 'PARTIAL_FILL', price: number, size: number): FillArithmetic {
  const remaining = order.intended_size - order.filled_size;
  const overflow = size >= remaining;
  const applied = overflow ? remaining : size;
  const filled = overflow ? order.intended_size : order.filled_size + size;
  const avg = (order.avg_fill_price * order.filled_size + price * applied) / (order.filled_size + applied);
  return {
    applied,
    filled,
    avg,
    clamped: size > remaining,
    complete: kind === 'FILL' || filled === order.intended_size,
  };
}

export function applyFill(t: EventTarget, e: PartialFill | Fill): SlotEffect | Contradiction {
  const { slot, order, field, ctx } = t;
  const transitions: OrderTransition[] = [];
  const tradeId = slot.trade_id as string;
  const stage0 = slot.stage;
  let stage: TradeStage = stage0;
  let current: VenueOrder = order;
  let implicitOrder: VenueOrder | undefined;
  let implicitSlot = false;
  if (order.status === 'NEW') {
    if (!orderCell('NEW', 'IMPLICIT_ACK', 'ACKED')) return CONTRADICTION;
    implicitOrder = copyOrder(order, 'ACKED', 'keep');
    current = implicitOrder;
    implicitSlot = true;
  } else if (order.status === 'CANCEL_PENDING' && order.status_before_cancel === 'NEW') {
    implicitSlot = true;
  } else if (order.status !== 'ACKED' && order.status !== 'PARTIALLY_FILLED' && order.status !== 'CANCEL_PENDING') {
    return CONTRADICTION;
  }
  if (implicitSlot) {
    const working = workingStage(order.role);
    if (!slotCell(stage, 'IMPLICIT_ACK', working)) return CONTRADICTION;
    stage = working;
  }
  const f = fillArithmetic(current, e.kind, e.price, e.size);
  const pending = current.status === 'CANCEL_PENDING';
  const orderTo = f.complete ? 'FILLED' : pending ? 'CANCEL_PENDING' : 'PARTIALLY_FILLED';
  if (!orderCell(current.status, e.kind, orderTo)) return CONTRADICTION;

  const isEntry = order.role === 'ENTRY';
  const positionBefore = order.position_before ?? 0;
  const size = isEntry ? f.filled : positionBefore - f.filled;
  let stageTo: TradeStage = stage;
  if (f.complete) stageTo = isEntry || size !== 0 ? 'POSITION_OPEN' : 'CLOSED';
  if (stageTo !== stage && !slotCell(stage, e.kind, stageTo)) return CONTRADICTION;

  // Every cell is legal: commit into the step's own copy of the slot.
  if (implicitOrder !== undefined) {
    transitions.push(orderTransition(ctx, tradeId, implicitOrder, 'IMPLICIT_ACK', 'NEW', 'ACKED'));
  }
  if (implicitSlot) {
    slot.stage = stage;
    transitions.push(slotTransition(ctx, slot, 'IMPLICIT_ACK', stage0, stage));
  }
  const filledOrder = copyOrder(current, orderTo, orderTo === 'CANCEL_PENDING' ? 'PARTIALLY_FILLED' : undefined);
  filledOrder.filled_size = f.filled;
  filledOrder.avg_fill_price = f.avg;
  setOrder(slot, field, filledOrder);
  transitions.push(
    orderTransition(ctx, tradeId, filledOrder, e.kind, current.status, orderTo, { price: e.price, size: f.applied }),
  );

  const rate = order.order_type === 'MARKET' ? t.takerRate : t.makerRate;
  const fee = e.price * f.applied * rate;
  slot.fees_paid = slot.fees_paid + fee;
  let pnl = 0;
  if (isEntry) {
    slot.size = size;
    slot.entry_price = f.avg;
  } else {
    pnl = sideSign(slot.side ?? 'LONG') * (e.price - slot.entry_price) * f.applied;
    slot.realized_pnl = slot.realized_pnl + pnl;
    slot.size = size;
  }
  if (stageTo !== stage) {
    if (isEntry) slot.initial_size = slot.size;
    else if (stageTo === 'POSITION_OPEN') {
      const last = (slot.exit_leg_ratios?.length ?? 1) - 1;
      slot.active_leg_index = Math.min(slot.active_leg_index + 1, last);
    }
    slot.stage = stageTo;
    transitions.push(slotTransition(ctx, slot, e.kind, stage, stageTo));
  }
  revalue(slot);
  const account = isEntry
    ? bookFill(t.account, 0, fee, t.tolerance, false)
    : bookFill(t.account, pnl, fee, t.tolerance, true);
  return slotEffect(slot, transitions, [], ...fillDiagnostic(e, f, order.intended_size), account);
}

/**
 * R4: a clamped fill says so, and so does a FILL (the venue's word that the order is complete)
 * that leaves the order short of its intended size: it ends FILLED at what was filled, loudly.
 */
function fillDiagnostic(e: PartialFill | Fill, f: FillArithmetic, intended: number): ['OK' | 'OVERFILL_CLAMPED' | 'SHORT_FILL', OutcomeDetails] {
  if (f.clamped) return ['OVERFILL_CLAMPED', { requested_size: e.size, clamped_size: f.applied }];
  if (e.kind === 'FILL' && f.filled !== intended) return ['SHORT_FILL', { intended_size: intended, filled_size: f.filled }];
  return ['OK', {}];
}
