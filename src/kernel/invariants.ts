// The invariants of kernel.md, checked on (state before, state after, step result). Used by
// the unit and property tests, the fuzzer, and at run time behind the debug switch
// (LOCKSTEP_DEBUG_INVARIANTS=1 for the CLI, `debugInvariants` for createKernel).
import { canonicallyEqual } from '../canonical/canonical-equal.js';
import { isLegalOrderCell, isLegalSlotCell } from '../../generated/ts/tables.js';
import type { CoreSnapshot, ExecutionStepResult, TradeSlot, VenueOrder } from './types.js';
import { isLive, isTerminal } from './matrix.js';
import { sideSign } from './numbers.js';
import { ACCOUNT_SEQ_GAPS_MAX } from './account-gaps.js';
import { checkSnapshotShape, SnapshotShapeError } from './snapshot.js';

export type InvariantName =
  | 'transition-is-matrix-cell'
  | 'terminal-order-stays-terminal'
  | 'filled-within-intended'
  | 'filled-never-decreases'
  | 'open-size-non-negative'
  | 'idle-and-closed-hold-nothing'
  | 'stage-matches-orders'
  | 'slot-transitions-chain'
  | 'capital-identity'
  | 'capital-moves-by-fills'
  | 'refused-step-changes-nothing'
  | 'step-counts-every-step'
  | 'seen-event-ids-bounded'
  | 'live-event-ids-kept'
  | 'live-event-ids-need-live-order'
  | 'reconcile-audits-every-change'
  | 'short-fill-says-so'
  | 'late-ack-changes-nothing'
  | 'account-gaps-bounded'
  | 'result-slots-are-state'
  | 'snapshot-restorable';

export interface InvariantViolation {
  readonly name: InvariantName;
  readonly message: string;
}

export class InvariantViolationError extends Error {
  override readonly name = 'InvariantViolationError';
  readonly violations: readonly InvariantViolation[];
  constructor(violations: readonly InvariantViolation[]) {
    super(`kernel invariant violated: ${violations.map((v) => `${v.name}: ${v.message}`).join('; ')}`);
    this.violations = violations;
  }
}

type Report = (name: InvariantName, message: string) => void;

function orders(slot: TradeSlot): VenueOrder[] {
  const out: VenueOrder[] = [];
  if (slot.entry_order !== undefined) out.push(slot.entry_order);
  if (slot.exit_order !== undefined) out.push(slot.exit_order);
  return out;
}

function checkTransitions(result: ExecutionStepResult, report: Report): void {
  for (const t of result.outcome.transitions) {
    if (t.machine === 'SLOT' && !isLegalSlotCell(t.from, t.trigger, t.to)) {
      report('transition-is-matrix-cell', `slot ${t.slot_id}: SLOT ${t.from} -${t.trigger}-> ${t.to} is not a cell`);
    } else if (t.machine === 'ORDER' && !isLegalOrderCell(t.from, t.trigger, t.to)) {
      report('transition-is-matrix-cell', `slot ${t.slot_id}: ORDER ${t.order_id} ${t.from} -${t.trigger}-> ${t.to} is not a cell`);
    } else if (t.machine === 'RECONCILE' && t.trigger !== 'RECONCILE') {
      report('transition-is-matrix-cell', `slot ${t.slot_id}: RECONCILE record with trigger ${t.trigger}`);
    }
  }
}

function checkOrders(before: TradeSlot, after: TradeSlot, newTrade: boolean, report: Report): void {
  for (const o of orders(after)) {
    if (!(o.filled_size >= 0 && o.filled_size <= o.intended_size)) {
      report('filled-within-intended', `slot ${after.slot_id}: order ${o.order_id} filled ${o.filled_size} of ${o.intended_size}`);
    }
    // ENTER replaces every order of the slot: orders are compared within one trade only.
    const old = newTrade ? undefined : orders(before).find((b) => b.order_id === o.order_id);
    if (old === undefined) continue;
    if (o.filled_size < old.filled_size) {
      report('filled-never-decreases', `slot ${after.slot_id}: order ${o.order_id} filled ${old.filled_size} -> ${o.filled_size}`);
    }
    if (isTerminal(old.status) && o.status !== old.status) {
      report('terminal-order-stays-terminal', `slot ${after.slot_id}: order ${o.order_id} left ${old.status} for ${o.status}`);
    }
  }
}

/** What each stage says about the orders: the invariant a matrix-driven kernel keeps. */
function checkStage(s: TradeSlot, report: Report): void {
  if (!(s.size >= 0)) report('open-size-non-negative', `slot ${s.slot_id}: size ${s.size}`);
  const live = isLive(s.entry_order) || isLive(s.exit_order);
  switch (s.stage) {
    case 'IDLE':
    case 'CLOSED':
      if (s.size !== 0 || live) report('idle-and-closed-hold-nothing', `slot ${s.slot_id}: ${s.stage} with size ${s.size}${live ? ' and a live order' : ''}`);
      break;
    case 'ORDER_REQUESTED':
    case 'ENTRY_WORKING':
      if (!isLive(s.entry_order) || isLive(s.exit_order)) report('stage-matches-orders', `slot ${s.slot_id}: ${s.stage} needs a live entry order only`);
      break;
    case 'POSITION_OPEN':
      if (!(s.size > 0) || live) report('stage-matches-orders', `slot ${s.slot_id}: POSITION_OPEN needs size > 0 and no live order`);
      break;
    case 'EXIT_REQUESTED':
    case 'EXIT_WORKING':
      if (!isLive(s.exit_order) || isLive(s.entry_order) || !(s.size > 0)) {
        report('stage-matches-orders', `slot ${s.slot_id}: ${s.stage} needs a live exit order, no live entry, size > 0`);
      }
      break;
    case 'STALE_STATE_RECONCILING':
      break;
  }
}

/** The SLOT transitions of each slot lead from its stage before to its stage after. */
function checkChains(before: CoreSnapshot, after: CoreSnapshot, result: ExecutionStepResult, report: Report): void {
  const stage = new Map<number, string>();
  for (const t of result.outcome.transitions) {
    if (t.machine !== 'SLOT') continue;
    const from = stage.get(t.slot_id) ?? before.slots[t.slot_id]?.stage;
    if (t.from !== from) report('slot-transitions-chain', `slot ${t.slot_id}: transition from ${t.from} but stage was ${String(from)}`);
    stage.set(t.slot_id, t.to);
  }
  for (let i = 0; i < after.slots.length; i++) {
    const want = stage.get(i) ?? before.slots[i]?.stage;
    const got = after.slots[i]?.stage;
    if (want !== got) report('slot-transitions-chain', `slot ${i}: stage ${String(got)} but transitions lead to ${String(want)}`);
  }
}

/** K moves by exactly the realised PnL and fees of this step's fills (funding by account events). */
function checkLedger(before: CoreSnapshot, after: CoreSnapshot, result: ExecutionStepResult, report: Report): void {
  const a = after.account;
  const identity = a.seed_capital + a.k_realized_pnl - a.k_fees_paid - a.k_funding_paid;
  if (!Object.is(identity, a.k_capital) && identity !== a.k_capital) {
    report('capital-identity', `k_capital ${a.k_capital} but seed + realised - fees - funding = ${identity}`);
  }
  let pnl = before.account.k_realized_pnl;
  let fees = before.account.k_fees_paid;
  for (const t of result.outcome.transitions) {
    if (t.machine !== 'ORDER' || t.fill_price === undefined || t.fill_size === undefined) continue;
    const slot = before.slots[t.slot_id] as TradeSlot;
    const order = orders(slot).find((o) => o.order_id === t.order_id);
    if (order === undefined) continue;
    const rate = order.order_type === 'MARKET' ? before.config.exchange.taker_rate : before.config.exchange.maker_rate;
    fees = fees + t.fill_price * t.fill_size * rate;
    if (t.role === 'EXIT') pnl = pnl + sideSign(slot.side ?? 'LONG') * (t.fill_price - slot.entry_price) * t.fill_size;
  }
  if (pnl !== a.k_realized_pnl) report('capital-moves-by-fills', `k_realized_pnl ${a.k_realized_pnl}, fills say ${pnl}`);
  if (fees !== a.k_fees_paid) report('capital-moves-by-fills', `k_fees_paid ${a.k_fees_paid}, fills say ${fees}`);
}

/**
 * R10: the window holds at most seen_event_ids_max ids; an id of an event applied to a live
 * order is never forgotten (only a new trade, by ENTER or a reconcile adopting another trade
 * id, starts a new window); live ids exist only while an order is live.
 */
function checkWindow(before: TradeSlot, after: TradeSlot, max: number, entered: boolean, report: Report): void {
  const live = after.live_event_ids ?? [];
  const held = after.seen_event_ids.length + live.length;
  if (held > max) report('seen-event-ids-bounded', `slot ${after.slot_id}: ${held} ids > ${max}`);
  if (live.length > 0 && !isLive(after.entry_order) && !isLive(after.exit_order)) {
    report('live-event-ids-need-live-order', `slot ${after.slot_id}: ${live.length} live ids but no live order`);
  }
  if (entered || before.trade_id !== after.trade_id) return;
  const kept = new Set([...after.seen_event_ids, ...live]);
  for (const id of before.live_event_ids ?? []) {
    if (!kept.has(id)) report('live-event-ids-kept', `slot ${after.slot_id}: the id ${id} of an event on a live order was forgotten`);
  }
}

/** Slot fields a reconcile changes through transitions of their own rather than RECONCILE records. */
const AUDITED_BY_TRANSITION: ReadonlySet<string> = new Set(['stage', 'entry_order', 'exit_order']);

/** R12: every slot field a reconcile changed has its audit record (bookkeeping included). */
function checkReconcileAudit(before: CoreSnapshot, after: CoreSnapshot, result: ExecutionStepResult, report: Report): void {
  for (const s of result.slots) {
    const b = before.slots[s.slot_id] as unknown as Record<string, unknown>;
    const a = after.slots[s.slot_id] as unknown as Record<string, unknown>;
    const mine = result.outcome.transitions.filter((t) => t.slot_id === s.slot_id);
    for (const key of new Set([...Object.keys(b), ...Object.keys(a)])) {
      if (canonicallyEqual(b[key] ?? null, a[key] ?? null)) continue;
      const audited = AUDITED_BY_TRANSITION.has(key)
        ? mine.some((t) => t.machine !== 'RECONCILE')
        : mine.some((t) => t.machine === 'RECONCILE' && t.field === key);
      if (!audited) report('reconcile-audits-every-change', `slot ${s.slot_id}: reconcile changed ${key} without an audit record`);
    }
  }
}

/** R4 a FILL leaving its order short says so; R11 a late ack changes nothing but the window. */
function checkEventOutcome(after: CoreSnapshot, result: ExecutionStepResult, report: Report): void {
  const o = result.outcome;
  if (o.code === 'LATE_ACK' && o.transitions.length > 0) report('late-ack-changes-nothing', `LATE_ACK emitted ${o.transitions.length} transitions`);
  for (const t of o.transitions) {
    if (t.machine !== 'ORDER' || t.trigger !== 'FILL' || t.to !== 'FILLED') continue;
    const order = orders(after.slots[t.slot_id] as TradeSlot).find((x) => x.order_id === t.order_id);
    if (order !== undefined && order.filled_size !== order.intended_size && o.code !== 'SHORT_FILL') {
      report('short-fill-says-so', `slot ${t.slot_id}: ${t.order_id} FILLED at ${order.filled_size} of ${order.intended_size} with ${o.code}`);
    }
  }
}

/** R14: at most ACCOUNT_SEQ_GAPS_MAX increasing, disjoint gaps, all below event_seq. */
function checkGaps(after: CoreSnapshot, report: Report): void {
  const gaps = after.account.seq_gaps ?? [];
  if (gaps.length > ACCOUNT_SEQ_GAPS_MAX) report('account-gaps-bounded', `${gaps.length} gaps > ${ACCOUNT_SEQ_GAPS_MAX}`);
  let floor = 0;
  for (const g of gaps) {
    if (!(g.from > floor && g.from <= g.to && g.to < after.account.event_seq)) {
      report('account-gaps-bounded', `gap ${g.from}-${g.to} after ${floor}, event_seq ${after.account.event_seq}`);
    }
    floor = g.to + 1;
  }
}

/**
 * Every state the kernel reaches is one `restore` accepts: the snapshot checks only refuse
 * states no sequence of steps can produce, so rules may rely on what they check.
 */
function checkRestorable(after: CoreSnapshot, report: Report): void {
  try {
    checkSnapshotShape(after);
  } catch (e) {
    if (!(e instanceof SnapshotShapeError)) throw e;
    report('snapshot-restorable', e.message);
  }
}

/** What a refused step must leave byte for byte (its canonical JSON): all but the step count. */
function stateOf(s: CoreSnapshot): unknown {
  return { config: s.config, slots: s.slots, account: s.account };
}

export function checkInvariants(before: CoreSnapshot, after: CoreSnapshot, result: ExecutionStepResult): InvariantViolation[] {
  const out: InvariantViolation[] = [];
  const report: Report = (name, message) => out.push({ name, message });
  if (after.step !== before.step + 1 || result.step !== after.step) {
    report('step-counts-every-step', `step ${before.step} -> ${after.step}, result step ${result.step}`);
  }
  if (!result.outcome.accepted) {
    if (!canonicallyEqual(stateOf(before), stateOf(after))) report('refused-step-changes-nothing', `refused ${result.outcome.code} changed the state`);
    if (result.outcome.transitions.length !== 0 || result.actions.length !== 0) {
      report('refused-step-changes-nothing', `refused ${result.outcome.code} emitted transitions or actions`);
    }
  }
  checkTransitions(result, report);
  const entered = new Set<number>();
  for (const t of result.outcome.transitions) if (t.machine === 'SLOT' && t.trigger === 'ENTER') entered.add(t.slot_id);
  for (let i = 0; i < after.slots.length; i++) {
    const a = after.slots[i] as TradeSlot;
    const b = before.slots[i] ?? a;
    checkOrders(b, a, entered.has(i), report);
    checkStage(a, report);
    checkWindow(b, a, after.config.seen_event_ids_max, entered.has(i), report);
  }
  if (result.outcome.code === 'RECONCILED') checkReconcileAudit(before, after, result, report);
  checkEventOutcome(after, result, report);
  checkGaps(after, report);
  checkRestorable(after, report);
  checkChains(before, after, result, report);
  checkLedger(before, after, result, report);
  for (const s of result.slots) {
    const state = after.slots[s.slot_id];
    if (state === undefined || !canonicallyEqual(state, s)) {
      report('result-slots-are-state', `slot ${s.slot_id} in the result differs from the state after`);
    }
  }
  return out;
}


