// The kernel: it holds the state and the switch; the pure helpers next to it compute what a
// step changes, and the kernel commits a change only when the step is accepted. Slots and the
// account are values (never mutated once committed), so a step result can share them and a
// refused step leaves the state byte-identical by construction.
import type {
  AccountEvent,
  AccountState,
  CalibrateFeeInput,
  CoreSnapshot,
  EngineIntent,
  ExecutionStepResult,
  FeeCalibration,
  KernelConfig,
  MarkPriceInput,
  OrderAction,
  TradeSlot,
  TransitionResult,
  VenueEvent,
} from './types.js';
import { applyAccountEvent, checkAccountEvent, initialAccount } from './account.js';
import { cancel } from './cancel.js';
import { enter } from './enter.js';
import { exitLeg } from './exit-leg.js';
import { calibrate, checkCalibration } from './fee-calibration.js';
import { checkMarkPrice, markSlots } from './mark-price.js';
import { acceptedOutcome, refusal, refusedOutcome, type Refusal, type SlotEffect } from './outcome.js';
import { amountOutOfRange } from './amount-range.js';
import { checkReconcile, reconcileSlot, type ReconcileInput } from './reconcile.js';
import { emptySlot } from './slot.js';
import type { StepContext } from './transition.js';
import { checkIntentNumbers, checkSlotId } from './validate-intent.js';
import { venueEvent } from './venue-event.js';
import { checkInvariants, InvariantViolationError } from './invariants.js';
import { checkSnapshotShape } from './snapshot.js';
import { cloneState } from './clone.js';

export const SNAPSHOT_VERSION = 'lockstep.core_snapshot.v1' as const;

export interface KernelOptions {
  /** Check every invariant after every step and throw on a violation (slow; for debugging). */
  readonly debugInvariants?: boolean;
}

export interface Kernel {
  intent(i: EngineIntent): ExecutionStepResult;
  venueEvent(e: VenueEvent): ExecutionStepResult;
  accountEvent(e: AccountEvent): ExecutionStepResult;
  markPrice(m: MarkPriceInput): ExecutionStepResult;
  reconcile(r: ReconcileInput): ExecutionStepResult;
  calibrateFee(c: CalibrateFeeInput): ExecutionStepResult;
  /** A deep copy of the whole state. */
  snapshot(): CoreSnapshot;
  /** Replace the whole state with a copy of `s` (step counter included). */
  restore(s: CoreSnapshot): void;
  /** Back to the initial state of the current configuration, step 0. */
  reset(): void;
  readonly step: number;
  readonly config: KernelConfig;
}

export function createKernel(config: KernelConfig, options: KernelOptions = {}): Kernel {
  return new KernelState(structuredClone(config), options);
}

class KernelState implements Kernel {
  config: KernelConfig;
  step = 0;
  private slots: TradeSlot[];
  private account: AccountState;
  private readonly debug: boolean;

  constructor(config: KernelConfig, options: KernelOptions) {
    this.config = config;
    this.debug = options.debugInvariants === true;
    this.slots = initialSlots(config);
    this.account = initialAccount(config);
  }

  intent(i: EngineIntent): ExecutionStepResult {
    return this.debug ? this.checked(() => this.intentStep(i)) : this.intentStep(i);
  }

  venueEvent(e: VenueEvent): ExecutionStepResult {
    return this.debug ? this.checked(() => this.venueEventStep(e)) : this.venueEventStep(e);
  }

  accountEvent(e: AccountEvent): ExecutionStepResult {
    return this.debug ? this.checked(() => this.accountEventStep(e)) : this.accountEventStep(e);
  }

  markPrice(m: MarkPriceInput): ExecutionStepResult {
    return this.debug ? this.checked(() => this.markPriceStep(m)) : this.markPriceStep(m);
  }

  reconcile(r: ReconcileInput): ExecutionStepResult {
    return this.debug ? this.checked(() => this.reconcileStep(r)) : this.reconcileStep(r);
  }

  calibrateFee(c: CalibrateFeeInput): ExecutionStepResult {
    return this.debug ? this.checked(() => this.calibrateFeeStep(c)) : this.calibrateFeeStep(c);
  }

  snapshot(): CoreSnapshot {
    return cloneState({
      snapshot_version: SNAPSHOT_VERSION,
      config: this.config,
      step: this.step,
      slots: this.slots,
      account: this.account,
    }) as CoreSnapshot;
  }

  restore(s: CoreSnapshot): void {
    checkSnapshotShape(s);
    const copy = structuredClone(s);
    this.config = copy.config;
    this.step = copy.step;
    this.slots = copy.slots as TradeSlot[];
    this.account = copy.account;
  }

  reset(): void {
    this.step = 0;
    this.slots = initialSlots(this.config);
    this.account = initialAccount(this.config);
  }

  private intentStep(i: EngineIntent): ExecutionStepResult {
    this.step += 1;
    const badId = checkSlotId(i.slot_id, this.config.slot_count);
    if (badId !== undefined) return this.result(refusedOutcome(badId), [], []);
    const bad = checkIntentNumbers(i);
    if (bad !== undefined) return this.settle(i.slot_id, bad, 'INVALID_INTENT');
    const slot = this.slotAt(i.slot_id);
    const ctx = this.ctx(i.slot_id, i.intent_id, i.ts);
    switch (i.action) {
      case 'ENTER':
        return this.settle(i.slot_id, enter(slot, i, ctx, this.account), 'INVALID_INTENT');
      case 'EXIT':
        return this.settle(i.slot_id, exitLeg(slot, i, ctx), 'INVALID_INTENT');
      case 'CANCEL':
        return this.settle(i.slot_id, cancel(slot, i, ctx), 'INVALID_INTENT');
    }
  }

  private venueEventStep(e: VenueEvent): ExecutionStepResult {
    this.step += 1;
    const badId = checkSlotId(e.slot_id, this.config.slot_count);
    if (badId !== undefined) return this.result(refusedOutcome(badId), [], []);
    const ctx = this.ctx(e.slot_id, e.event_id, e.ts);
    return this.settle(e.slot_id, venueEvent(this.slotAt(e.slot_id), e, ctx, this.account, this.config), 'INVALID_EVENT');
  }

  private accountEventStep(e: AccountEvent): ExecutionStepResult {
    this.step += 1;
    const bad = checkAccountEvent(this.account, e);
    if (bad !== undefined) return this.result(refusedOutcome(bad), [], [], true);
    const next = applyAccountEvent(this.account, e, this.config.reconcile_tolerance);
    const overflow = amountOutOfRange(undefined, next);
    if (overflow !== undefined) return this.result(refusedOutcome(refusal('INVALID_EVENT', overflow)), [], [], true);
    this.account = next;
    return this.result(acceptedOutcome('OK', {}, []), [], [], true);
  }

  private markPriceStep(m: MarkPriceInput): ExecutionStepResult {
    this.step += 1;
    const bad = checkMarkPrice(m);
    if (bad !== undefined) return this.result(refusedOutcome(bad), [], []);
    const marked = markSlots(this.slots, m);
    for (const s of marked) {
      const overflow = amountOutOfRange(s, undefined);
      if (overflow !== undefined) return this.result(refusedOutcome(refusal('INVALID_REQUEST', overflow)), [], []);
    }
    for (const s of marked) this.slots[s.slot_id] = s;
    return this.result(acceptedOutcome('OK', {}, []), [], marked);
  }

  private reconcileStep(r: ReconcileInput): ExecutionStepResult {
    this.step += 1;
    const bad = checkReconcile(r, this.config.slot_count);
    if (bad !== undefined) return this.result(refusedOutcome(bad), [], []);
    const transitions: TransitionResult['transitions'] = [];
    const touched: TradeSlot[] = [];
    for (const truth of r.slots) {
      const next = reconcileSlot(this.slotAt(truth.slot_id), truth, r, this.config.control.mode, transitions);
      const overflow = amountOutOfRange(next, undefined);
      if (overflow !== undefined) return this.result(refusedOutcome(refusal('INVALID_REQUEST', overflow)), [], []);
      touched.push(next);
    }
    for (const s of touched) this.slots[s.slot_id] = s;
    touched.sort((a, b) => a.slot_id - b.slot_id);
    return this.result(acceptedOutcome('RECONCILED', {}, transitions), [], touched);
  }

  private calibrateFeeStep(c: CalibrateFeeInput): ExecutionStepResult {
    this.step += 1;
    const bad = checkCalibration(c, this.config.exchange);
    if (bad !== undefined) return this.result(refusedOutcome(bad), [], [], true);
    const done = calibrate(c, this.config.exchange, this.account);
    this.account = done.account;
    return this.result(acceptedOutcome('OK', {}, []), [], [], true, done.result);
  }

  /**
   * The end of a step about one valid slot: commit an accepted effect (unless it would take an
   * amount out of the ledger range: refused with `overflowCode`), answer either way.
   */
  private settle(slotId: number, effect: Refusal | SlotEffect, overflowCode: 'INVALID_INTENT' | 'INVALID_EVENT'): ExecutionStepResult {
    if (effect.refused) return this.result(refusedOutcome(effect), [], [this.slotAt(slotId)]);
    const overflow = amountOutOfRange(effect.slot, effect.account);
    if (overflow !== undefined) return this.result(refusedOutcome(refusal(overflowCode, overflow)), [], [this.slotAt(slotId)]);
    this.slots[slotId] = effect.slot;
    if (effect.account !== undefined) this.account = effect.account;
    return this.result(acceptedOutcome(effect.code, effect.details, effect.transitions), effect.actions, [effect.slot]);
  }

  private slotAt(slotId: number): TradeSlot {
    return this.slots[slotId] as TradeSlot;
  }

  private ctx(slotId: number, causeId: string, ts: number): StepContext {
    return { slot_id: slotId, cause_id: causeId, ts, mode: this.config.control.mode };
  }

  private result(
    outcome: TransitionResult,
    actions: OrderAction[],
    slots: TradeSlot[],
    withAccount = false,
    fee?: FeeCalibration,
  ): ExecutionStepResult {
    const r: ExecutionStepResult = { step: this.step, outcome, actions, slots };
    if (withAccount || this.config.control.verbosity === 'DEBUG') r.account = this.account;
    if (fee !== undefined) r.fee_calibration = fee;
    return r;
  }

  /** Runs a step; with the debug switch on, checks every invariant around it. */
  private checked(run: () => ExecutionStepResult): ExecutionStepResult {
    if (!this.debug) return run();
    const before = this.snapshot();
    const result = run();
    const violations = checkInvariants(before, this.snapshot(), result);
    if (violations.length > 0) throw new InvariantViolationError(violations);
    return result;
  }
}

function initialSlots(config: KernelConfig): TradeSlot[] {
  const slots: TradeSlot[] = [];
  for (let i = 0; i < config.slot_count; i++) slots.push(emptySlot(i));
  return slots;
}
