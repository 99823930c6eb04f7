// What a snapshot must satisfy beyond its schema before a kernel adopts it. The schema cannot
// relate one field to another; these checks do, for every fact a rule relies on without
// re-checking it (a restored state the kernel could never have reached would otherwise be
// answered by whichever branch happens to test it first). Every state the kernel reaches
// passes them: the fuzzer checks that after every step (invariant `snapshot-restorable`).
import { isLive, orderCell } from './matrix.js';
import type { AccountState, CoreSnapshot, OrderStatus, TradeSlot, TradeStage, VenueOrder } from './types.js';

export class SnapshotShapeError extends Error {
  override readonly name = 'SnapshotShapeError';
  /** JSON pointer into the snapshot. */
  readonly path: string;
  constructor(path: string, message: string) {
    super(`${message} at ${path}`);
    this.path = path;
  }
}

/**
 * A live order is `status_before_cancel` for CANCEL_PENDING, else its status (R7). Asked only
 * after checkCancelMemory, so the memory is held exactly while CANCEL_PENDING.
 */
function phaseOf(o: VenueOrder): OrderStatus {
  return o.status_before_cancel ?? o.status;
}

/** R7: `status_before_cancel` is held exactly while CANCEL_PENDING, and names a status a cancel starts from. */
function checkCancelMemory(o: VenueOrder, path: string): void {
  const back = o.status_before_cancel;
  if ((o.status === 'CANCEL_PENDING') !== (back !== undefined)) {
    throw new SnapshotShapeError(`${path}/status_before_cancel`, `status_before_cancel is held exactly while CANCEL_PENDING (status ${o.status})`);
  }
  if (back !== undefined && !orderCell(back, 'CANCEL', 'CANCEL_PENDING')) {
    throw new SnapshotShapeError(`${path}/status_before_cancel`, `no cancel starts from ${back}`);
  }
}

/**
 * R2, R5: a slot numbers its orders over its life, so every order it holds whose id ends in a
 * number the kernel could give (`#` and digits without a leading zero) is numbered at most
 * `orders_placed`. One numbered past it would see its id given again to a new order.
 */
function checkOrderNumber(o: VenueOrder, ordersPlaced: number, path: string): void {
  const digits = /#([1-9][0-9]*)$/.exec(o.order_id)?.[1];
  // 17 digits or more exceed any counter; up to 16, Number() rounds nothing at or below 2^53 - 1.
  if (digits !== undefined && (digits.length > 16 || Number(digits) > ordersPlaced)) {
    throw new SnapshotShapeError(`${path}/order_id`, `order ${o.order_id} is numbered past orders_placed ${ordersPlaced}, so its id would be given again`);
  }
}

/** The order a stage needs live (and in which phase), and whether it needs an open position. */
const STAGE_NEEDS: Readonly<Record<TradeStage, { live?: 'entry_order' | 'exit_order'; phases?: readonly OrderStatus[]; size: 'zero' | 'positive' | 'any' }>> = {
  IDLE: { size: 'zero' },
  CLOSED: { size: 'zero' },
  ORDER_REQUESTED: { live: 'entry_order', phases: ['NEW'], size: 'any' },
  ENTRY_WORKING: { live: 'entry_order', phases: ['ACKED', 'PARTIALLY_FILLED'], size: 'any' },
  POSITION_OPEN: { size: 'positive' },
  EXIT_REQUESTED: { live: 'exit_order', phases: ['NEW'], size: 'positive' },
  EXIT_WORKING: { live: 'exit_order', phases: ['ACKED', 'PARTIALLY_FILLED'], size: 'positive' },
  STALE_STATE_RECONCILING: { size: 'any' },
};

/** R2-R9: the stage and the orders tell the same story (an ack moves both, R3). */
function checkStageOrders(s: TradeSlot, path: string): void {
  if (s.stage === 'STALE_STATE_RECONCILING') return;
  const needs = STAGE_NEEDS[s.stage];
  const fail = (why: string): never => {
    throw new SnapshotShapeError(`${path}/stage`, `stage ${s.stage} ${why}`);
  };
  for (const field of ['entry_order', 'exit_order'] as const) {
    const o = s[field];
    if (field !== needs.live) {
      if (isLive(o)) fail(`holds a live ${field} (${o.status})`);
      continue;
    }
    if (!isLive(o)) return fail(`needs a live ${field}`);
    if (needs.phases !== undefined && !needs.phases.includes(phaseOf(o))) fail(`does not hold a ${field} in phase ${phaseOf(o)}`);
  }
  if (needs.size === 'zero' && s.size !== 0) fail(`holds size ${s.size}`);
  if (needs.size === 'positive' && !(s.size > 0)) fail(`needs an open size, holds ${s.size}`);
}

/** R14: the gaps are increasing, disjoint and below event_seq (their count is the schema's maxItems); the last update is not missing. */
function checkAccountSeqs(a: AccountState): void {
  const gaps = a.seq_gaps ?? [];
  let floor = 1;
  gaps.forEach((g, i) => {
    if (!(g.from >= floor && g.from <= g.to && g.to < a.event_seq)) {
      throw new SnapshotShapeError(`/account/seq_gaps/${i}`, `gap ${g.from}-${g.to} is not increasing, disjoint and below event_seq ${a.event_seq}`);
    }
    floor = g.to + 2;
  });
  const u = a.e_update_seq;
  if (u !== undefined && (u > a.event_seq || gaps.some((g) => g.from <= u && u <= g.to))) {
    throw new SnapshotShapeError('/account/e_update_seq', `update seq ${u} was never applied (event_seq ${a.event_seq})`);
  }
}

export function checkSnapshotShape(s: CoreSnapshot): void {
  if (s.slots.length !== s.config.slot_count) {
    throw new SnapshotShapeError('/slots', `snapshot holds ${s.slots.length} slots but config.slot_count is ${s.config.slot_count}`);
  }
  s.slots.forEach((slot, i) => {
    if (slot.slot_id !== i) throw new SnapshotShapeError(`/slots/${i}/slot_id`, `slot ${i} has slot_id ${String(slot.slot_id)}`);
    for (const field of ['entry_order', 'exit_order'] as const) {
      const o = slot[field];
      if (o === undefined) continue;
      checkCancelMemory(o, `/slots/${i}/${field}`);
      checkOrderNumber(o, slot.orders_placed, `/slots/${i}/${field}`);
    }
    checkStageOrders(slot, `/slots/${i}`);
  });
  checkAccountSeqs(s.account);
}
