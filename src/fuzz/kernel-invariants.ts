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
import type { CoreSnapshot, ExecutionStepResult, ProtocolRequest, ProtocolResponse } from '../../generated/ts/types.js';
import { ERROR_CODE } from '../../generated/ts/protocol-edge.js';
import { createKernel } from '../kernel/index.js';
import { checkInvariants } from '../kernel/invariants.js';
import { kernelStep } from '../protocol/session.js';
import type { InvariantViolation } from './response-invariants.js';
import type { Scenario } from './scenario.js';

type Kernel = ReturnType<typeof createKernel>;

/** Applies one request to an in-process kernel; undefined for requests that are not steps. */
export function applyRequest(kernel: Kernel, r: ProtocolRequest): ExecutionStepResult | undefined {
  switch (r.op) {
    case 'restore':
      kernel.restore(r.snapshot);
      return undefined;
    case 'reset':
      kernel.reset();
      return undefined;
    case 'hello':
    case 'configure':
    case 'snapshot':
    case 'bye':
      return undefined;
    default:
      return kernelStep(kernel, r);
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

/**
 * The same state invariants, watched on the kernel of the reference's own protocol session as
 * it answers (`reference-answers.ts`), so that no second kernel replays the scenario: after
 * every answered step the session's kernel is snapshotted and checked against the state
 * before it (the previous step's snapshot, or one taken before the line when configure,
 * restore or reset replaced the state). The kernel steps of a replay are saved; the snapshots
 * and checks, most of the cost, are the same. The evidence is what the session really did:
 * lines after a `bye` are not answered, so not checked.
 *
 * Why a deep copy after every step, when the kernel keeps its slots and account as values it
 * never mutates: the invariants compare the state before a step with the state after it
 * (a refused step changes nothing byte for byte, filled sizes never decrease, transitions
 * chain from the stage before), and a kernel bug that mutated a committed value in place
 * would change a shared "before" along with the state, hiding exactly what they look for.
 * The copy after one step is the "before" of the next, so one copy a step is the least.
 *
 * A line whose answer may have left the state half-changed (an INTERNAL_ERROR: the kernel
 * threw, or its result could not be written; a restore refused for an inconsistent snapshot)
 * is not judged here: `needsReplay` is set and the caller replays the whole scenario with
 * `kernelInvariantViolations`, which names the broken invariant as it always has.
 */
export class KernelInvariantWatch {
  readonly violations: InvariantViolation[] = [];
  needsReplay = false;
  private before: CoreSnapshot | undefined;

  /** Before a line: the state it starts from, if no earlier snapshot is it. */
  beforeLine(kernel: Kernel | undefined): void {
    if (this.before === undefined && kernel !== undefined && !this.needsReplay) this.before = kernel.snapshot();
  }

  /** After a line's answer (`response`, the object written) to scenario step `step`. */
  afterAnswer(step: number, response: ProtocolResponse, written: boolean, kernel: Kernel | undefined): void {
    if (this.needsReplay) return;
    if (!written || (response.op === 'error' && (response.error.code === ERROR_CODE.INTERNAL_ERROR || response.error.keyword === 'consistency'))) {
      this.needsReplay = true;
      return;
    }
    if (response.op === 'configure' || response.op === 'restore' || response.op === 'reset') {
      this.before = undefined;
      return;
    }
    if (!('result' in response) || kernel === undefined || this.before === undefined) return;
    const after = kernel.snapshot();
    try {
      for (const v of checkInvariants(this.before, after, response.result) as unknown[]) this.violations.push({ step, invariant: 'kernel', detail: describe(v) });
    } catch (error) {
      // The checker canonicalises states: a state it cannot serialise (NaN, Infinity) is broken.
      this.violations.push({ step, invariant: 'state-serialisable', detail: `after ${response.op}: ${(error as Error).message.split('\n')[0]}` });
    }
    this.before = after;
  }
}
