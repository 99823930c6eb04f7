// The two legal transition matrices, as generated from schemas/data/*.matrix.json. The kernel
// asks these lookups before every transition it emits; there is no second copy of the cells.
import { isLegalOrderCell, isLegalSlotCell, modeRule, orderMatrix } from '../../generated/ts/tables.js';
import type { Mode, OrderStatus, TradeStage, Trigger } from './types.js';

export function slotCell(from: TradeStage, trigger: Trigger, to: TradeStage): boolean {
  return isLegalSlotCell(from, trigger, to);
}

export function orderCell(from: OrderStatus, trigger: Trigger, to: OrderStatus): boolean {
  return isLegalOrderCell(from, trigger, to);
}

/** R16: whether the mode refuses ENTER on an account whose reconcile_status is not OK. */
export function entryNeedsReconciledAccount(mode: Mode): boolean {
  return modeRule(mode).require_reconciled_account_for_entry;
}

const TERMINAL: ReadonlySet<OrderStatus> = new Set<OrderStatus>(orderMatrix.terminal);

/** Terminal order statuses have no way out (the order matrix lists no cell from them). */
export function isTerminal(status: OrderStatus): boolean {
  return TERMINAL.has(status);
}
