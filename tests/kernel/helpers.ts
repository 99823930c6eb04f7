// Builders for kernel tests: a configuration, intents and events with defaults, and a kernel
// whose every step is checked against the invariants and validated against its schema.
import { expect } from 'vitest';
import type {
  AccountEvent,
  CancelIntent,
  EngineIntent,
  EnterIntent,
  ExecutionStepResult,
  ExitIntent,
  KernelConfig,
  Mode,
  VenueEvent,
} from '../../generated/ts/types.js';
import { canonicalize } from '../../src/canonical/index.js';
import { validate } from '../../src/contracts/index.js';
import { createKernel, type Kernel } from '../../src/kernel/index.js';
import { stepResultJson } from '../../src/protocol/index.js';

export function config(over: Partial<KernelConfig> = {}, mode: Mode = 'backtest'): KernelConfig {
  return {
    slot_count: 4,
    seed_capital: 10_000,
    seen_event_ids_max: 16,
    reconcile_tolerance: 0.01,
    exchange: { taker_rate: 0.001, maker_rate: 0.0002, fee_calibration_alpha: 0.5 },
    control: { mode, verbosity: 'NORMAL' },
    ...over,
  };
}

export function enterIntent(over: Partial<EnterIntent> = {}): EnterIntent {
  return {
    action: 'ENTER',
    intent_id: 'i-enter',
    ts: 1,
    slot_id: 0,
    trade_id: 'T1',
    asset: 'BTC-USDT',
    side: 'LONG',
    order_type: 'MARKET',
    target_size: 2,
    leverage: 10,
    exit_leg_ratios: [0.5, 0.5],
    ...over,
  } as EnterIntent;
}

export function exitIntent(over: Partial<ExitIntent> = {}): ExitIntent {
  return { action: 'EXIT', intent_id: 'i-exit', ts: 2, slot_id: 0, trade_id: 'T1', order_type: 'MARKET', ...over };
}

export function cancelIntent(over: Partial<CancelIntent> = {}): CancelIntent {
  return { action: 'CANCEL', intent_id: 'i-cancel', ts: 2, slot_id: 0, trade_id: 'T1', ...over };
}

let eventCounter = 0;
type Kind = VenueEvent['kind'];
/** A venue event of `kind` on slot 0, trade T1, with a fresh event id unless given. */
export function ev<K extends Kind>(kind: K, orderId: string, over: Record<string, unknown> = {}): Extract<VenueEvent, { kind: K }> {
  eventCounter += 1;
  const base: Record<string, unknown> = {
    kind,
    event_id: `e${eventCounter}`,
    ts: 10 + eventCounter,
    slot_id: 0,
    trade_id: 'T1',
    order_id: orderId,
  };
  if (kind === 'PARTIAL_FILL' || kind === 'FILL') Object.assign(base, { price: 100, size: 1 });
  if (kind === 'RATE_LIMITED') base['retry_after_ms'] = 500;
  return { ...base, ...over } as unknown as Extract<VenueEvent, { kind: K }>;
}

export function accountUpdate(seq: number, wallet: number): AccountEvent {
  return { kind: 'ACCOUNT_UPDATE', seq, ts: seq, wallet_balance: wallet, available_margin: wallet, used_margin: 0, maint_margin: 0 };
}

/**
 * Assert a step result is schema-valid, and that the protocol server's typed writer renders it
 * exactly as canonicalize does; returns it.
 */
export function valid(r: ExecutionStepResult): ExecutionStepResult {
  const checked = validate('ExecutionStepResult', r);
  if (!checked.ok) throw new Error(`ExecutionStepResult invalid: ${JSON.stringify(checked.errors.slice(0, 3))}\n${canonicalize(r)}`);
  const canonical = canonicalize(r);
  const fast = stepResultJson(r);
  if (fast !== canonical) throw new Error(`stepResultJson differs from canonicalize:\n${fast}\n${canonical}`);
  return r;
}

/** A kernel with the invariant checker on after every step and every result validated. */
export interface TestKernel {
  readonly k: Kernel;
  intent(i: EngineIntent): ExecutionStepResult;
  event(e: VenueEvent): ExecutionStepResult;
  account(e: AccountEvent): ExecutionStepResult;
  state(): string;
}

export function kernel(c: KernelConfig = config()): TestKernel {
  const k = createKernel(c, { debugInvariants: true });
  return {
    k,
    intent: (i) => valid(k.intent(i)),
    event: (e) => valid(k.venueEvent(e)),
    account: (e) => valid(k.accountEvent(e)),
    state: () => stateBytes(k),
  };
}

/** Canonical bytes of the state without the step counter (which every step moves). */
export function stateBytes(k: Kernel): string {
  const s = k.snapshot();
  return canonicalize({ ...s, step: 0 });
}

/** Run `step`, assert it was refused with `code`, and that the state did not change. */
export function expectRefused(t: TestKernel, step: () => ExecutionStepResult, code: string): ExecutionStepResult {
  const before = t.state();
  const r = step();
  expect(r.outcome.accepted).toBe(false);
  expect(r.outcome.code).toBe(code);
  expect(r.outcome.transitions).toEqual([]);
  expect(r.actions).toEqual([]);
  expect(t.state()).toBe(before);
  return r;
}

/** Slot 0 with an open LONG position of 2 at 100 (MARKET entry, one FILL). */
export function openPosition(t: TestKernel, over: Partial<EnterIntent> = {}): void {
  t.intent(enterIntent(over));
  t.event(ev('FILL', `${over.trade_id ?? 'T1'}#1`, { price: 100, size: over.target_size ?? 2, trade_id: over.trade_id ?? 'T1', slot_id: over.slot_id ?? 0 }));
}

export function slot0(r: ExecutionStepResult) {
  const s = r.slots[0];
  if (s === undefined) throw new Error('result has no slot');
  return s;
}
