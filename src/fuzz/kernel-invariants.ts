/**
 * The state invariants of kernel.md on the in-process engine, after every step: the scenario's
 * requests are replayed straight into `createKernel`, with a snapshot before and after each
 * step handed to the kernel's own `checkInvariants` (one definition of the invariants, used by
 * the property tests and here; the tightened ones included: ids of events on a live order are
 * never forgotten, reconcile audits every field it changes, short fills and late acks, account
 * gaps). Raw lines are skipped: they are not valid requests and must not reach the kernel.
 * That no input sequence applies one event twice is checked on the responses, for every
 * implementation (`response-invariants.ts`).
 */
import type { CoreSnapshot, ExecutionStepResult, ProtocolRequest } from '../../generated/ts/types.js';
import { createKernel } from '../kernel/index.js';
import { checkInvariants } from '../kernel/invariants.js';
import type { InvariantViolation } from './response-invariants.js';
import type { Scenario } from './scenario.js';

type Kernel = ReturnType<typeof createKernel>;

/** Applies one request to an in-process kernel; undefined for requests that are not steps. */
export function applyRequest(kernel: Kernel, r: ProtocolRequest): ExecutionStepResult | undefined {
  switch (r.op) {
    case 'intent':
      return kernel.intent(r.intent);
    case 'venue_event':
      return kernel.venueEvent(r.event);
    case 'account_event':
      return kernel.accountEvent(r.event);
    case 'mark_price':
      return kernel.markPrice({ asset: r.asset, price: r.price, ts: r.ts });
    case 'reconcile':
      return kernel.reconcile({ reconcile_id: r.reconcile_id, ts: r.ts, slots: r.slots });
    case 'calibrate_fee':
      return kernel.calibrateFee({ fill_price: r.fill_price, fill_size: r.fill_size, order_type: r.order_type, actual_fee: r.actual_fee });
    case 'restore':
      kernel.restore(r.snapshot);
      return undefined;
    case 'reset':
      kernel.reset();
      return undefined;
    default:
      return undefined;
  }
}

function describe(v: unknown): string {
  if (typeof v === 'string') return v;
  const o = v as { invariant?: string; rule?: string; name?: string; message?: string; detail?: string };
  return [o.invariant ?? o.rule ?? o.name, o.message ?? o.detail].filter(Boolean).join(': ') || JSON.stringify(v);
}

/** Replays the scenario in process and returns every broken invariant, with its step. */
export function kernelInvariantViolations(s: Scenario): InvariantViolation[] {
  let kernel = createKernel(s.config);
  const out: InvariantViolation[] = [];
  // The state after one step is the state before the next: one snapshot per step.
  let before: CoreSnapshot | undefined;
  s.steps.forEach((st, step) => {
    if (st.kind !== 'request') return;
    const r = st.request;
    if (r.op === 'configure') {
      kernel = createKernel(r.config);
      before = undefined;
      return;
    }
    before ??= kernel.snapshot();
    let result: ExecutionStepResult | undefined;
    try {
      result = applyRequest(kernel, r);
    } catch (error) {
      out.push({ step, invariant: 'no-throw', detail: `kernel threw on ${r.op}: ${(error as Error).message}` });
      before = undefined;
      return;
    }
    if (result === undefined) {
      if (r.op === 'restore' || r.op === 'reset') before = undefined;
      return;
    }
    const after: CoreSnapshot = kernel.snapshot();
    try {
      for (const v of checkInvariants(before, after, result) as unknown[]) out.push({ step, invariant: 'kernel', detail: describe(v) });
    } catch (error) {
      // The checker canonicalises states: a state it cannot serialise (NaN, Infinity) is broken.
      out.push({ step, invariant: 'state-serialisable', detail: `after ${r.op}: ${(error as Error).message.split('\n')[0]}` });
    }
    before = after;
  });
  return out;
}
