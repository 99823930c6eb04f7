// Canonical JSON (RFC 8785) of kernel step responses, written by type rather than by walking:
// each object kind has its keys sorted once at load, so no response sorts keys at run time.
// This is the protocol server's hot path (a step result carries whole slots, about ten times
// the bytes of its request). It writes exactly what `canonicalize` (src/canonical) writes for
// these values: the tests hold the two together on every response they produce, and any value
// this writer cannot vouch for (a non-finite or unsafe number) makes it throw, so the caller
// falls back to `canonicalize` and its error.
import type {
  AccountState,
  ExecutionStepResult,
  FeeCalibration,
  OrderAction,
  OrderTransition,
  OutcomeDetails,
  SeqGap,
  TradeSlot,
  TransitionResult,
  VenueOrder,
} from '../../generated/ts/types.js';

type Writer = (value: never) => string;

/** Thrown for a value outside what this writer vouches for; the caller falls back. */
export class FastJsonUnsupported extends Error {
  override readonly name = 'FastJsonUnsupported';
}

const EXPONENT_FORM_FROM = 1e21;

function num(n: number): string {
  if (!Number.isFinite(n)) throw new FastJsonUnsupported(`non-finite number ${String(n)}`);
  if ((n > Number.MAX_SAFE_INTEGER || n < -Number.MAX_SAFE_INTEGER) && n < EXPONENT_FORM_FROM && n > -EXPONENT_FORM_FROM) {
    throw new FastJsonUnsupported(`unsafe integer ${String(n)}`);
  }
  return String(n);
}

// Strings reaching a step result are ids and enums of validated input (printable ASCII by
// schema) or texts the protocol boundary checked for lone surrogates; JSON.stringify is then
// exactly the RFC 8785 string form.
const str = (s: string): string => JSON.stringify(s);
const bool = (b: boolean): string => (b ? 'true' : 'false');

function numArray(a: readonly number[]): string {
  let out = '[';
  for (let i = 0; i < a.length; i++) out += i === 0 ? num(a[i] as number) : `,${num(a[i] as number)}`;
  return `${out}]`;
}

function strArray(a: readonly string[]): string {
  let out = '[';
  for (let i = 0; i < a.length; i++) out += i === 0 ? str(a[i] as string) : `,${str(a[i] as string)}`;
  return `${out}]`;
}

function arrayOf<T>(write: (v: T) => string): (a: readonly T[]) => string {
  return (a) => {
    let out = '[';
    for (let i = 0; i < a.length; i++) out += i === 0 ? write(a[i] as T) : `,${write(a[i] as T)}`;
    return `${out}]`;
  };
}

/**
 * A writer for one object kind: `fields` names every key the kind may hold and how to write
 * its value; keys are sorted here, once (default sort = UTF-16 code units, as RFC 8785 asks).
 *
 * The writer's body is generated here, once per kind, with one named property read per key:
 * a single loop shared by every kind reads `o[keys[i]]` at one site that sees every kind's
 * object shape, so each read is a slow generic lookup (about a sixth of the writer's time,
 * measured on fuzzed step results). Only the sorted keys, which this module names itself,
 * reach the generated text, each quoted by `JSON.stringify`.
 */
function objectWriter<T extends object>(fields: { readonly [K in keyof T]-?: Writer }): (o: T) => string {
  const keys = Object.keys(fields).sort();
  const writers = keys.map((k) => (fields as Record<string, Writer>)[k] as (v: unknown) => string);
  const members = keys.map((k, i) => {
    const first = JSON.stringify(`${JSON.stringify(k)}:`);
    const next = JSON.stringify(`,${JSON.stringify(k)}:`);
    return `v = o[${JSON.stringify(k)}]; if (v !== undefined) { out += (first ? ${first} : ${next}) + w[${i}](v); first = false; }`;
  });
  const body = `return function write(o) { let out = '{'; let first = true; let v;\n${members.join('\n')}\nreturn out + '}'; };`;
  const make = new Function('w', body) as (w: readonly ((v: unknown) => string)[]) => (o: T) => string;
  return make(writers);
}

const orderFields = objectWriter<VenueOrder>({
  order_id: str, role: str, order_side: str, order_type: str, limit_price: num, intended_size: num, filled_size: num,
  avg_fill_price: num, status: str, status_before_cancel: str, venue_order_id: str, position_before: num,
});

/**
 * The kernel never mutates an order once a slot holds it (a change is a new object), and an
 * order rides along unchanged in many step results (the filled entry order through every
 * exit step), so each order object is written once.
 */
const orderText = new WeakMap<VenueOrder, string>();
function order(o: VenueOrder): string {
  let text = orderText.get(o);
  if (text === undefined) {
    text = orderFields(o);
    orderText.set(o, text);
  }
  return text;
}

export const slotJson = objectWriter<TradeSlot>({
  slot_id: num, stage: str, trade_id: str, asset: str, side: str, leverage: num, exit_leg_ratios: numArray,
  active_leg_index: num, size: num, initial_size: num, entry_price: num, mark_price: num, realized_pnl: num,
  unrealized_pnl: num, fees_paid: num, orders_placed: num, entry_order: order, exit_order: order,
  seen_event_ids: strArray, live_event_ids: strArray, last_event_ts: num,
});

const details = objectWriter<OutcomeDetails>({
  field: str, value: str, reason: str, expected: str, stage: str, order_status: str, order_id: str, event_id: str,
  requested_size: num, clamped_size: num, retry_after_ms: num, retryable: bool, intended_size: num, filled_size: num,
});

type SlotT = Extract<OrderTransition, { machine: 'SLOT' }>;
type OrderT = Extract<OrderTransition, { machine: 'ORDER' }>;
type ReconcileT = Extract<OrderTransition, { machine: 'RECONCILE' }>;

const evidence = objectWriter<NonNullable<SlotT['evidence']>>({
  event_id: str, event_kind: str, order_id: str, order_status: str, slot_stage: str, price: num, size: num,
  reason: str, window: strArray, window_max: num,
});
const slotTransition = objectWriter<SlotT>({
  machine: str, slot_id: num, cause_id: str, trigger: str, ts: num, mode: str, trade_id: str, from: str, to: str, evidence,
});
const orderTransition = objectWriter<OrderT>({
  machine: str, slot_id: num, cause_id: str, trigger: str, ts: num, mode: str, trade_id: str, order_id: str, role: str,
  from: str, to: str, filled_size: num, fill_price: num, fill_size: num,
});
const reconcileChange = objectWriter<ReconcileT>({
  machine: str, slot_id: num, cause_id: str, trigger: str, ts: num, mode: str, field: str, before: str, after: str,
});

function transition(t: OrderTransition): string {
  return t.machine === 'SLOT' ? slotTransition(t) : t.machine === 'ORDER' ? orderTransition(t) : reconcileChange(t);
}

type Place = Extract<OrderAction, { type: 'PLACE_ORDER' }>;
type CancelA = Extract<OrderAction, { type: 'CANCEL_ORDER' }>;
const place = objectWriter<Place>({
  type: str, slot_id: num, trade_id: str, order_id: str, role: str, asset: str, order_side: str, order_type: str,
  size: num, limit_price: num, reduce_only: bool,
});
const cancelAction = objectWriter<CancelA>({ type: str, slot_id: num, trade_id: str, order_id: str });
const action = (a: OrderAction): string => (a.type === 'PLACE_ORDER' ? place(a) : cancelAction(a));

const outcome = objectWriter<TransitionResult>({
  accepted: bool, code: str, severity: str, details, transitions: arrayOf(transition),
});

const account = objectWriter<AccountState>({
  seed_capital: num, k_realized_pnl: num, k_fees_paid: num, k_funding_paid: num, k_capital: num, e_wallet_balance: num,
  e_available_margin: num, e_used_margin: num, e_maint_margin: num, e_fees_paid: num, e_realized_pnl: num,
  e_funding_paid: num, event_seq: num, reconcile_status: str, reconcile_delta: num, reconcile_explanation: str,
  fee_samples: num, fee_ratio_ema: num, e_update_seq: num, seq_gaps: arrayOf(objectWriter<SeqGap>({ from: num, to: num })),
});

const feeCalibration = objectWriter<FeeCalibration>({
  expected_fee: num, actual_fee: num, ratio: num, deviation_pct: num, status: str, ratio_ema: num, samples: num,
});

export const stepResultJson = objectWriter<ExecutionStepResult>({
  step: num, outcome, actions: arrayOf(action), slots: arrayOf(slotJson), account, fee_calibration: feeCalibration,
});

/** `{"op":<op>,"result":<result>,"seq":<seq>}` canonically (the keys are already in order). */
export function stepResponseJson(op: string, seq: number, result: ExecutionStepResult): string {
  return `{"op":${str(op)},"result":${stepResultJson(result)},"seq":${num(seq)}}`;
}
