// What an event handler needs besides the event: the slot as it will be committed (a fresh
// copy with the event id remembered, owned by this step), the order the event names, and the
// fee and ledger parameters.
import type { AccountState, TradeSlot, VenueOrder } from './types.js';
import type { StepContext } from './transition.js';

export interface EventTarget {
  /** Fresh copy of the slot owned by this step; handlers decide legality before writing it. */
  readonly slot: TradeSlot;
  /** The order the event names, as it was before the event. */
  readonly order: VenueOrder;
  /** Which slot field holds the order. */
  readonly field: 'entry_order' | 'exit_order';
  readonly ctx: StepContext;
  readonly account: AccountState;
  readonly takerRate: number;
  readonly makerRate: number;
  readonly tolerance: number;
}

/** The handler could not place the event on the matrices (R11). */
export const CONTRADICTION = 'contradiction' as const;
export type Contradiction = typeof CONTRADICTION;
