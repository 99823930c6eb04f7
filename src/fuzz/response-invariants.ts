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
 * - an account reported has k_capital = seed + realised - fees - funding, left to right.
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

export class ResponseInvariantChecker {
  private readonly filled = new Map<string, number>();
  readonly violations: InvariantViolation[] = [];

  /** Checks the response to scenario step `step`. */
  check(step: number, response: unknown): void {
    const r = response as Obj;
    if (r.op === 'restore' || r.op === 'reset' || r.op === 'configure') this.filled.clear();
    const result = r.result as Obj | undefined;
    if (result === undefined) return;
    const outcome = result.outcome as Obj;
    const transitions = (outcome.transitions ?? []) as Obj[];
    const actions = (result.actions ?? []) as unknown[];
    const fail = (invariant: string, detail: string) => this.violations.push({ step, invariant, detail });
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
      }
    }
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
  }
}
