import { SAFE_INTEGER_MAX } from '../../generated/ts/protocol-edge.js';
import { refusal, type Refusal } from './outcome.js';
import type { TradeSlot } from './types.js';

/**
 * An order of a slot has the id `<trade_id>#<n>`: deterministic, so replays and restarts name
 * the same orders.
 */
export function orderId(tradeId: string, n: number): string {
  return `${tradeId}#${n}`;
}

/**
 * The number of the slot's next order. Orders are numbered over the slot's whole life, not per
 * trade: a trade id that comes back (A, then B, then A again, by ENTER or by reconcile) names
 * its orders past every order the slot placed before. So no two orders of a slot share an id,
 * and a late event of an old order is UNKNOWN_ORDER instead of landing on a new order of the
 * same name (R10: no input sequence applies one event twice). A slot whose counter is at the
 * largest integer both kernels count exactly has no id left to give: refused, not wrapped.
 */
export function nextOrderNumber(slot: TradeSlot): number | Refusal {
  if (slot.orders_placed >= SAFE_INTEGER_MAX) {
    return refusal('INVALID_INTENT', { field: 'orders_placed', value: String(slot.orders_placed), reason: 'ORDER_IDS_EXHAUSTED' });
  }
  return slot.orders_placed + 1;
}
