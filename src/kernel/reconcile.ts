// R12 reconcile: adopt the venue's truth for one or more slots, emitting a RECONCILE record
// for every field changed (before and after as canonical JSON text), bookkeeping included (the
// leg ratios, the order counter, the idempotency window), so that reconciliation never changes
// state without an audit trail.
import type { OrderTransition, ReconcileField, ReconcileSlot, TradeSlot, TradeStage } from './types.js';
import { isTerminal, orderCell, slotCell } from './matrix.js';
import { isPositiveFinite, numberText, sideSign } from './numbers.js';
import { refusal, type Refusal } from './outcome.js';
import { copyOrder, copySlot, setOrder } from './slot.js';
import { orderTransition, reconcileChange, slotTransition, type StepContext } from './transition.js';
import type { Mode } from './types.js';

export interface ReconcileInput {
  readonly reconcile_id: string;
  readonly ts: number;
  readonly slots: readonly ReconcileSlot[];
}

/** Canonical JSON text of a scalar slot field; `"null"` when absent. */
export function fieldText(value: string | number | undefined): string {
  return value === undefined ? 'null' : JSON.stringify(value);
}

/** Slot ids first (range, then repeats), then the numbers of every position. */
export function checkReconcile(r: ReconcileInput, slotCount: number): Refusal | undefined {
  for (let i = 0; i < r.slots.length; i++) {
    const id = (r.slots[i] as ReconcileSlot).slot_id;
    if (!(Number.isInteger(id) && id >= 0 && id < slotCount)) {
      return refusal('INVALID_SLOT_ID', { field: `slots[${i}].slot_id`, value: numberText(id) });
    }
  }
  const named = new Set<number>();
  for (let i = 0; i < r.slots.length; i++) {
    const id = (r.slots[i] as ReconcileSlot).slot_id;
    if (named.has(id)) return refusal('INVALID_REQUEST', { field: `slots[${i}].slot_id`, value: numberText(id) });
    named.add(id);
  }
  for (let i = 0; i < r.slots.length; i++) {
    const p = (r.slots[i] as ReconcileSlot).position;
    if (p === undefined) continue;
    if (!isPositiveFinite(p.size)) return refusal('INVALID_REQUEST', { field: `slots[${i}].position.size`, value: numberText(p.size) });
    if (!isPositiveFinite(p.entry_price)) {
      return refusal('INVALID_REQUEST', { field: `slots[${i}].position.entry_price`, value: numberText(p.entry_price) });
    }
  }
  return undefined;
}

type ScalarField = Exclude<ReconcileField, 'side' | 'trade_id' | 'asset' | 'exit_leg_ratios' | 'seen_event_ids' | 'live_event_ids'>;

/** Adopt one slot's truth; returns the new slot and appends its transitions. */
export function reconcileSlot(
  slot: TradeSlot,
  truth: ReconcileSlot,
  r: ReconcileInput,
  mode: Mode,
  out: OrderTransition[],
): TradeSlot {
  const ctx: StepContext = { slot_id: slot.slot_id, cause_id: r.reconcile_id, ts: r.ts, mode };
  const s: TradeSlot = copySlot(slot);
  // 1. Every non-terminal order (entry, then exit) is cancelled.
  for (const field of ['entry_order', 'exit_order'] as const) {
    const o = s[field];
    if (o === undefined || isTerminal(o.status)) continue;
    if (!orderCell(o.status, 'RECONCILE', 'CANCELED')) throw new Error(`order matrix has no RECONCILE cell from ${o.status}`);
    const cancelled = copyOrder(o, 'CANCELED', undefined);
    setOrder(s, field, cancelled);
    out.push(orderTransition(ctx, s.trade_id as string, cancelled, 'RECONCILE', o.status, 'CANCELED'));
  }
  // 2. Fields, in the documented order, each audited when it changes.
  const set = (field: ScalarField, after: number): void => {
    const before = s[field];
    if (before === after) return;
    out.push(reconcileChange(ctx, field, fieldText(before), fieldText(after)));
    s[field] = after;
  };
  if (s.trade_id !== truth.trade_id) {
    out.push(reconcileChange(ctx, 'trade_id', fieldText(s.trade_id), fieldText(truth.trade_id)));
    s.trade_id = truth.trade_id;
    // orders_placed is kept: the slot's orders are numbered over its whole life (nextOrderNumber).
    auditWindow(s, ctx, out, [], []);
  } else {
    // Every order has ended: the live ids may now be evicted like any other.
    auditWindow(s, ctx, out, [...s.seen_event_ids, ...(s.live_event_ids ?? [])], []);
  }
  if (s.asset !== truth.asset) {
    out.push(reconcileChange(ctx, 'asset', fieldText(s.asset), fieldText(truth.asset)));
    s.asset = truth.asset;
  }
  const p = truth.position;
  let stageTo: TradeStage;
  if (p === undefined) {
    set('size', 0);
    set('initial_size', 0);
    set('entry_price', 0);
    set('unrealized_pnl', 0);
    stageTo = s.stage === 'CLOSED' || s.stage === 'IDLE' ? s.stage : 'IDLE';
  } else {
    if (s.side !== p.side) {
      out.push(reconcileChange(ctx, 'side', fieldText(s.side), fieldText(p.side)));
      s.side = p.side;
    }
    set('size', p.size);
    set('entry_price', p.entry_price);
    set('initial_size', p.size);
    set('active_leg_index', 0);
    if (s.mark_price !== undefined) set('unrealized_pnl', sideSign(p.side) * (s.mark_price - s.entry_price) * s.size);
    if (s.exit_leg_ratios === undefined) {
      out.push(reconcileChange(ctx, 'exit_leg_ratios', 'null', '[1]'));
      s.exit_leg_ratios = [1];
    }
    stageTo = 'POSITION_OPEN';
  }
  // 3. The stage.
  if (stageTo !== s.stage) {
    if (!slotCell(s.stage, 'RECONCILE', stageTo)) throw new Error(`slot matrix has no RECONCILE cell ${s.stage} -> ${stageTo}`);
    const from = s.stage;
    s.stage = stageTo;
    out.push(slotTransition(ctx, s, 'RECONCILE', from, stageTo));
  }
  return s;
}

/**
 * Sets both parts of the idempotency window (event-window.ts), auditing each whose size
 * changes; the audit carries the id count, as a window can hold 65536 ids.
 */
function auditWindow(s: TradeSlot, ctx: StepContext, out: OrderTransition[], seen: string[], live: string[]): void {
  const liveBefore = s.live_event_ids?.length ?? 0;
  if (s.seen_event_ids.length !== seen.length) {
    out.push(reconcileChange(ctx, 'seen_event_ids', String(s.seen_event_ids.length), String(seen.length)));
  }
  if (liveBefore !== live.length) out.push(reconcileChange(ctx, 'live_event_ids', String(liveBefore), String(live.length)));
  s.seen_event_ids = seen;
  if (live.length > 0) s.live_event_ids = live;
  else delete s.live_event_ids;
}
