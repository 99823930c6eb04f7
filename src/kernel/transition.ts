// Builders of transition records. Every record carries where (slot), why (cause, trigger),
// when (ts) and the mode the kernel was in.
import type {
  Mode,
  OrderStatus,
  OrderTransition,
  ReconcileField,
  TradeSlot,
  TradeStage,
  Trigger,
  VenueOrder,
} from './types.js';

/** What every transition of one step shares. */
export interface StepContext {
  readonly slot_id: number;
  readonly cause_id: string;
  readonly ts: number;
  readonly mode: Mode;
}

export function slotTransition(
  ctx: StepContext,
  slot: TradeSlot,
  trigger: Trigger,
  from: TradeStage,
  to: TradeStage,
): OrderTransition {
  const t: OrderTransition = {
    machine: 'SLOT',
    slot_id: ctx.slot_id,
    cause_id: ctx.cause_id,
    trigger,
    ts: ctx.ts,
    mode: ctx.mode,
    from,
    to,
  };
  if (slot.trade_id !== undefined) t.trade_id = slot.trade_id;
  return t;
}

export function orderTransition(
  ctx: StepContext,
  tradeId: string,
  order: VenueOrder,
  trigger: Trigger,
  from: OrderStatus,
  to: OrderStatus,
  fill?: { readonly price: number; readonly size: number },
): OrderTransition {
  const t: OrderTransition = {
    machine: 'ORDER',
    slot_id: ctx.slot_id,
    cause_id: ctx.cause_id,
    trigger,
    ts: ctx.ts,
    mode: ctx.mode,
    trade_id: tradeId,
    order_id: order.order_id,
    role: order.role,
    from,
    to,
    filled_size: order.filled_size,
  };
  if (fill !== undefined) {
    t.fill_price = fill.price;
    t.fill_size = fill.size;
  }
  return t;
}

export function reconcileChange(
  ctx: StepContext,
  field: ReconcileField,
  before: string,
  after: string,
): OrderTransition {
  return {
    machine: 'RECONCILE',
    slot_id: ctx.slot_id,
    cause_id: ctx.cause_id,
    trigger: 'RECONCILE',
    ts: ctx.ts,
    mode: ctx.mode,
    field,
    before,
    after,
  };
}
