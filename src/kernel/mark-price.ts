// R13 mark price: unrealized PnL of open positions, revalued at every mark and after fills.
import type { MarkPriceInput, TradeSlot } from './types.js';
import { isPositiveFinite, numberText, sideSign } from './numbers.js';
import { refusal, type Refusal } from './outcome.js';
import { copySlot } from './slot.js';

/** `side_sign * (mark - entry_price) * size`, for a slot the caller owns (mutated in place). */
export function revalue(slot: TradeSlot): void {
  if (slot.size === 0) {
    slot.unrealized_pnl = 0;
  } else if (slot.mark_price !== undefined) {
    slot.unrealized_pnl = sideSign(slot.side ?? 'LONG') * (slot.mark_price - slot.entry_price) * slot.size;
  }
}

export function checkMarkPrice(m: MarkPriceInput): Refusal | undefined {
  return isPositiveFinite(m.price) ? undefined : refusal('INVALID_REQUEST', { field: 'price', value: numberText(m.price) });
}

/**
 * The slots a mark revalues (asset equal, size > 0), as new slot objects in slot_id order.
 * Returns the indices alongside so the kernel can commit them.
 */
export function markSlots(slots: readonly TradeSlot[], m: MarkPriceInput): TradeSlot[] {
  const out: TradeSlot[] = [];
  for (const s of slots) {
    if (s.asset !== m.asset || !(s.size > 0)) continue;
    const next: TradeSlot = copySlot(s);
    next.mark_price = m.price;
    next.unrealized_pnl = sideSign(s.side ?? 'LONG') * (m.price - s.entry_price) * s.size;
    out.push(next);
  }
  return out;
}
