// The trade-id check shared by EXIT, CANCEL and venue events: a slot with no trade matches
// nothing.
import type { TradeSlot } from './types.js';
import { refusal, type Refusal } from './outcome.js';

export function checkTradeId(slot: TradeSlot, tradeId: string): Refusal | undefined {
  if (slot.trade_id !== undefined && slot.trade_id === tradeId) return undefined;
  return slot.trade_id === undefined
    ? refusal('TRADE_ID_MISMATCH', { value: tradeId })
    : refusal('TRADE_ID_MISMATCH', { expected: slot.trade_id, value: tradeId });
}

/** While stale, intents and venue events for the slot are refused; only reconcile leads out. */
export function checkNotStale(slot: TradeSlot): Refusal | undefined {
  return slot.stage === 'STALE_STATE_RECONCILING'
    ? refusal('STALE_STATE_RECONCILING', { stage: slot.stage })
    : undefined;
}
