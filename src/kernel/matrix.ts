// The two legal transition matrices, as generated from schemas/data/*.matrix.json. The kernel
// asks these lookups before every transition it emits; there is no second copy of the cells.
import { isLegalOrderCell, isLegalSlotCell, modeRule, orderMatrix } from '../../generated/ts/tables.js';
import type { Mode, OrderStatus, TradeStage, Trigger, VenueOrder } from './types.js';

type Lookup<S extends string> = (from: S, trigger: Trigger, to: S) => boolean;

/**
 * Remembers the generated lookup's answers (it builds a string key per call), so the hot path
 * is three map reads. The answers still come only from the generated tables.
 */
function memoised<S extends string>(lookup: Lookup<S>): Lookup<S> {
  const byFrom: Record<string, Record<string, Record<string, boolean>>> = Object.create(null);
  return (from, trigger, to) => {
    const byTrigger = byFrom[from] ?? (byFrom[from] = Object.create(null) as Record<string, Record<string, boolean>>);
    const byTo = byTrigger[trigger] ?? (byTrigger[trigger] = Object.create(null) as Record<string, boolean>);
    const legal = byTo[to];
    return legal ?? (byTo[to] = lookup(from, trigger, to));
  };
}

const slotLookup = memoised<TradeStage>(isLegalSlotCell);
const orderLookup = memoised<OrderStatus>(isLegalOrderCell);

export function slotCell(from: TradeStage, trigger: Trigger, to: TradeStage): boolean {
  return slotLookup(from, trigger, to);
}

export function orderCell(from: OrderStatus, trigger: Trigger, to: OrderStatus): boolean {
  return orderLookup(from, trigger, to);
}

/** R16: whether the mode refuses ENTER on an account whose reconcile_status is not OK. */
export function entryNeedsReconciledAccount(mode: Mode): boolean {
  return modeRule(mode).require_reconciled_account_for_entry;
}

/** R14/R16: whether the mode refuses ENTER while account events are missing (seq gaps open). */
export function entryNeedsGapFreeAccount(mode: Mode): boolean {
  return modeRule(mode).require_gap_free_account_for_entry;
}

const TERMINAL: ReadonlySet<OrderStatus> = new Set<OrderStatus>(orderMatrix.terminal);

/** Terminal order statuses have no way out (the order matrix lists no cell from them). */
export function isTerminal(status: OrderStatus): boolean {
  return TERMINAL.has(status);
}

/** An order that is there and has not ended. */
export function isLive(o: VenueOrder | undefined): o is VenueOrder {
  return o !== undefined && !TERMINAL.has(o.status);
}
