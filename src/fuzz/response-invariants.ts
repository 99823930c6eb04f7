/**
 * The invariants of kernel.md that can be checked from the responses alone, so that they
 * hold for any implementation behind the protocol (the Rust kernel, an `--impl` command),
 * not only for the in-process engine whose state we can inspect:
 *
 * - every SLOT / ORDER transition is a legal cell of its matrix (so terminal orders never
 *   leave terminal: the order matrix has no cell out of one);
 * - a refused step emits no transition and no action;
 * - every order reported has 0 <= filled_size <= intended_size, and an order's filled size
 *   never decreases between steps (until a restore, reset or configure rewinds the state);
 * - every slot reported has size >= 0, and IDLE / CLOSED slots hold no size and no live order;
 * - an account reported has k_capital = seed + realised - fees - funding, left to right, and
 *   its seq gaps are at most 64 increasing, disjoint ranges below event_seq (R14);
 * - no venue event is applied twice: an ORDER transition caused by an event id that already
 *   caused one in the same trade is a broken idempotency window (R10), however many events
 *   came between;
 * - a LATE_ACK changes nothing but the window (no transition) (R11);
 * - a FILL that leaves its order short says so (SHORT_FILL) (R4).
 *
 * The full state invariants (snapshot before == after on refusal, idempotency) are checked
 * on the in-process engine after every step (`kernel-invariants.ts`); for the others, the
 * final `snapshot` step every generated scenario ends with is compared byte for byte.
 */
import { isLegalOrderCell, isLegalSlotCell } from '../../generated/ts/tables.js';

export interface InvariantViolation {
  /** Index of the step in the scenario (0 = first step after configure). */
  readonly step: number;
  readonly invariant: string;
  readonly detail: string;
}

type Obj = Record<string, unknown>;
const terminal = new Set(['FILLED', 'CANCELED', 'REJECTED', 'EXPIRED']);

const VENUE_TRIGGERS = new Set(['ORDER_ACK', 'PARTIAL_FILL', 'FILL', 'CANCEL_ACK', 'ORDER_REJECTED', 'CANCEL_REJECTED', 'ORDER_EXPIRED']);
const ACCOUNT_SEQ_GAPS_MAX = 64;

export class ResponseInvariantChecker {
  private readonly filled = new Map<string, number>();
  /** `slot/trade/event id` of every venue event that caused an ORDER transition. */
  private readonly applied = new Set<string>();
  readonly violations: InvariantViolation[] = [];
  /** The step being checked, for `fail`. */
  private step = 0;
  /** Records a violation at the step being checked (one function per checker, not one per response). */
  private readonly fail = (invariant: string, detail: string): void => {
    this.violations.push({ step: this.step, invariant, detail });
  };

  /** Checks the response to scenario step `step`. */
  check(step: number, response: unknown): void {
    const r = response as Obj;
    if (r.op === 'restore' || r.op === 'reset' || r.op === 'configure') {
      this.filled.clear();
      this.applied.clear();
    }
    const result = r.result as Obj | undefined;
    if (result === undefined) return;
    const outcome = result.outcome as Obj;
    const transitions = (outcome.transitions ?? []) as Obj[];
    const actions = (result.actions ?? []) as unknown[];
    this.step = step;
    const fail = this.fail;
    if (outcome.accepted === false && (transitions.length > 0 || actions.length > 0)) {
      fail('refused-changes-nothing', `refused step (${String(outcome.code)}) emitted ${transitions.length} transition(s) and ${actions.length} action(s)`);
    }
    for (const t of transitions) {
      const from = t.from as never, trigger = t.trigger as never, to = t.to as never;
      if (t.machine === 'SLOT' && !isLegalSlotCell(from, trigger, to)) fail('legal-slot-cell', `slot ${String(t.slot_id)}: ${t.from} -${t.trigger}-> ${t.to} is not a cell of the slot matrix`);
      if (t.machine === 'ORDER' && !isLegalOrderCell(from, trigger, to)) fail('legal-order-cell', `order ${String(t.order_id)}: ${t.from} -${t.trigger}-> ${t.to} is not a cell of the order matrix`);
    }
    // A new trade (ENTER, or a reconcile adopting another trade id) may reuse order ids.
    for (const t of transitions) {
      if ((t.machine === 'SLOT' && t.trigger === 'ENTER') || (t.machine === 'RECONCILE' && t.field === 'trade_id')) {
        for (const k of [...this.filled.keys()]) if (k.startsWith(`${String(t.slot_id)}/`)) this.filled.delete(k);
        // The venue's truth may name a trade id again with an empty window: a new trade.
        if (t.machine === 'RECONCILE') for (const k of [...this.applied]) if (k.startsWith(`${String(t.slot_id)}/`)) this.applied.delete(k);
      }
    }
    this.checkAppliedOnce(transitions, fail);
    if (outcome.code === 'LATE_ACK' && transitions.length > 0) fail('late-ack-changes-nothing', `LATE_ACK emitted ${transitions.length} transition(s)`);
    this.checkShortFill(outcome, transitions, (result.slots ?? []) as Obj[], fail);
    for (const slot of (result.slots ?? []) as Obj[]) this.checkSlot(slot, fail);
    if (result.account !== undefined) this.checkAccount(result.account as Obj, fail);
  }

  private checkSlot(slot: Obj, fail: (i: string, d: string) => void): void {
    const id = String(slot.slot_id);
    const size = slot.size as number;
    if (!(size >= 0)) fail('size-non-negative', `slot ${id}: size ${size}`);
    const orders = [slot.entry_order, slot.exit_order].filter((o): o is Obj => o !== undefined);
    if ((slot.stage === 'IDLE' || slot.stage === 'CLOSED') && size !== 0) fail('idle-closed-flat', `slot ${id} is ${String(slot.stage)} with size ${size}`);
    for (const o of orders) {
      const filled = o.filled_size as number, intended = o.intended_size as number, oid = String(o.order_id);
      if (!(filled >= 0 && filled <= intended)) fail('filled-within-intended', `order ${oid}: filled ${filled} of intended ${intended}`);
      const key = `${id}/${oid}`;
      const before = this.filled.get(key);
      if (before !== undefined && filled < before) fail('filled-never-decreases', `order ${oid}: filled ${before} -> ${filled}`);
      this.filled.set(key, filled);
      if ((slot.stage === 'IDLE' || slot.stage === 'CLOSED') && !terminal.has(String(o.status))) {
        fail('idle-closed-no-live-order', `slot ${id} is ${String(slot.stage)} with order ${oid} ${String(o.status)}`);
      }
    }
  }

  private checkAccount(a: Obj, fail: (i: string, d: string) => void): void {
    const n = (k: string) => a[k] as number;
    const expected = n('seed_capital') + n('k_realized_pnl') - n('k_fees_paid') - n('k_funding_paid');
    if (n('k_capital') !== expected) fail('capital-ledger', `k_capital ${n('k_capital')} != seed + realised - fees - funding = ${expected}`);
    const gaps = (a.seq_gaps ?? []) as Array<{ from: number; to: number }>;
    if (gaps.length > ACCOUNT_SEQ_GAPS_MAX) fail('account-gaps-bounded', `${gaps.length} gaps > ${ACCOUNT_SEQ_GAPS_MAX}`);
    let floor = 0;
    for (const g of gaps) {
      if (!(g.from > floor && g.from <= g.to && g.to < n('event_seq'))) {
        fail('account-gaps-ordered', `gap ${g.from}-${g.to} after ${floor}, event_seq ${n('event_seq')}`);
      }
      floor = g.to + 1;
    }
  }

  /** R10: an event id causes ORDER transitions in one step of its trade at most. */
  private checkAppliedOnce(transitions: readonly Obj[], fail: (i: string, d: string) => void): void {
    const now = new Set<string>();
    for (const t of transitions) {
      if (t.machine !== 'ORDER' || !VENUE_TRIGGERS.has(String(t.trigger))) continue;
      now.add(`${String(t.slot_id)}/${String(t.trade_id)}/${String(t.cause_id)}`);
    }
    for (const key of now) {
      if (this.applied.has(key)) fail('event-applied-once', `event ${key.split('/')[2]} of trade ${key.split('/')[1]} (slot ${key.split('/')[0]}) applied a second time`);
      this.applied.add(key);
    }
  }

  /** R4: a FILL leaving its order below the intended size carries SHORT_FILL. */
  private checkShortFill(outcome: Obj, transitions: readonly Obj[], slots: readonly Obj[], fail: (i: string, d: string) => void): void {
    for (const t of transitions) {
      if (t.machine !== 'ORDER' || t.trigger !== 'FILL' || t.to !== 'FILLED') continue;
      const slot = slots.find((s) => s.slot_id === t.slot_id);
      const order = [slot?.entry_order, slot?.exit_order].find((o) => (o as Obj | undefined)?.order_id === t.order_id) as Obj | undefined;
      if (order === undefined || order.filled_size === order.intended_size) continue;
      if (outcome.code !== 'SHORT_FILL') fail('short-fill-says-so', `order ${String(t.order_id)} FILLED at ${String(order.filled_size)} of ${String(order.intended_size)} with ${String(outcome.code)}`);
    }
  }
}
