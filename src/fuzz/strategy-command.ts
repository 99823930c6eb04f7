/**
 * The realistic level's commands: what a strategy, the venue and the exchange's account feed
 * do next. Commands are abstract choices; `applyStrategyCommand` turns one into zero or more
 * protocol steps against the builder's current view (an ENTER only on a free slot, an EXIT
 * only on an open position, a CANCEL only on a working order). Shrinking removes commands.
 */
import fc from 'fast-check';
import type { ScenarioBuilder } from './scenario-builder.js';
import { ASSETS } from './scenario-builder.js';
import { floatHostileNumber, NON_ROUND_TRIP_SIZES, SIZE_PRICE_MAX } from './float-hostile-number.js';
import { nextUp } from './float-steps.js';
import { AMOUNT_MAX, FEE_RATIO_MAX } from '../../generated/ts/protocol-edge.js';

export type StrategyCommand =
  | { readonly c: 'act'; readonly slot: number; readonly size: number; readonly long: boolean; readonly limit: boolean; readonly offset: number; readonly legs: readonly number[]; readonly cancel: boolean; readonly asset: number }
  | { readonly c: 'deliver' }
  | { readonly c: 'mark'; readonly asset: number; readonly move: number; readonly to: number | null }
  | { readonly c: 'account'; readonly drift: number }
  | { readonly c: 'funding'; readonly amount: number; readonly asset: number }
  | { readonly c: 'settle'; readonly fee: number; readonly pnl: number }
  | { readonly c: 'reconcile'; readonly slot: number; readonly flat: boolean }
  | { readonly c: 'calibrate'; readonly factor: number; readonly atBound: boolean };

export const legChoices: readonly (readonly number[])[] = [
  [1], [0.5, 0.5], [0.25, 0.25, 0.5], [0.3, 0.3, 0.4], [0.1, 0.2, 0.3, 0.4], [0.5], [0.6, 0.6],
  // Decimal ratios whose binary sum is not 1 (0.1 + 0.2 + 0.7 = 0.9999999999999999) or is one ulp past it.
  [0.1, 0.2, 0.7], [0.3, 0.7], [1 / 3, 1 / 3, 1 / 3], [0.7, 0.1, 0.2],
];

/** Entry sizes: round ones, float-hostile ones, and sizes the venue can split without round trip. */
const sizeArb = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(1, 0.5, 2.5, 0.001, 10, 0.1, 3) },
  { weight: 2, arbitrary: fc.constantFrom(...NON_ROUND_TRIP_SIZES) },
  { weight: 1, arbitrary: floatHostileNumber({ min: 1e-9, max: 1e6 }) },
  { weight: 1, arbitrary: floatHostileNumber() },
);

/**
 * Ratios actual/expected for fee calibration: OK, WARN, ERROR, a rebate, zero, the ratio bound
 * 1e12 and one ulp past it (refused with field "ratio").
 */
const calibrationFactors = [1, 1.005, 1.03, 2, -0.5, 0, 0.1 + 0.2, FEE_RATIO_MAX, nextUp(FEE_RATIO_MAX), 2 * FEE_RATIO_MAX] as const;

/** Built once: an arbitrary is immutable, and building one per scenario cost more than drawing from it. */
let strategyCommands: fc.Arbitrary<StrategyCommand> | undefined;

export function strategyCommandArbitrary(): fc.Arbitrary<StrategyCommand> {
  strategyCommands ??= buildStrategyCommandArbitrary();
  return strategyCommands;
}

function buildStrategyCommandArbitrary(): fc.Arbitrary<StrategyCommand> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.constant({ c: 'deliver' as const }) },
    {
      weight: 4,
      arbitrary: fc.record({
        c: fc.constant('act' as const),
        slot: fc.nat({ max: 7 }),
        size: sizeArb,
        long: fc.boolean(),
        limit: fc.boolean(),
        offset: fc.constantFrom(0, -0.01, 0.01, 0.0013),
        legs: fc.constantFrom(...legChoices),
        cancel: fc.boolean(),
        asset: fc.nat({ max: ASSETS.length - 1 }),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        c: fc.constant('mark' as const),
        asset: fc.nat({ max: ASSETS.length - 1 }),
        move: fc.constantFrom(0.01, -0.01, 0.05, -0.2, 0.003),
        to: fc.oneof({ weight: 4, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: floatHostileNumber({ min: 1e-3, max: 1e6, round: [100, 2000] }) }),
      }),
    },
    { weight: 1, arbitrary: fc.record({ c: fc.constant('account' as const), drift: fc.oneof(fc.constantFrom(0, 0, 0, 0.005, 5, -3), floatHostileNumber({ max: AMOUNT_MAX, signed: true, round: [0] })) }) },
    { weight: 1, arbitrary: fc.record({ c: fc.constant('funding' as const), amount: fc.oneof(fc.constantFrom(0.5, -0.25, 0, 1.125), floatHostileNumber({ max: AMOUNT_MAX, signed: true })), asset: fc.nat({ max: ASSETS.length - 1 }) }) },
    { weight: 1, arbitrary: fc.record({ c: fc.constant('settle' as const), fee: fc.oneof(fc.constantFrom(0.04, 0, 0.1), floatHostileNumber({ max: AMOUNT_MAX, signed: true })), pnl: fc.oneof(fc.constantFrom(0, 1.5, -2), floatHostileNumber({ max: AMOUNT_MAX, signed: true })) }) },
    { weight: 1, arbitrary: fc.record({ c: fc.constant('reconcile' as const), slot: fc.nat({ max: 7 }), flat: fc.boolean() }) },
    { weight: 1, arbitrary: fc.record({ c: fc.constant('calibrate' as const), factor: fc.constantFrom(...calibrationFactors), atBound: fc.boolean() }) },
  );
}

function roundTo(x: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(x * f) / f;
}

/** Schema bounds of Price and Amount (vocabulary.schema.json): generated requests stay valid. */
const price_max = 1e12;
const amount_max = AMOUNT_MAX;

/** `x` rounded to `decimals`, kept in (0, 1e12]; `fallback` when rounding would reach 0. */
export function validPrice(x: number, decimals: number, fallback: number): number {
  const p = Math.min(roundTo(x, decimals), price_max);
  return p > 0 ? p : Math.min(Math.max(fallback, Number.MIN_VALUE), price_max);
}

export function validAmount(x: number): number {
  return Math.max(-amount_max, Math.min(amount_max, x));
}

/** Applies one command; returns the number of steps it recorded. */
export function applyStrategyCommand(b: ScenarioBuilder, cmd: StrategyCommand): number {
  const before = b.steps.length;
  const ts = b.ts;
  switch (cmd.c) {
    case 'deliver':
      b.deliver();
      break;
    case 'mark': {
      const asset = ASSETS[cmd.asset]!;
      b.markPrice(asset, cmd.to ?? validPrice(b.prices.get(asset)! * (1 + cmd.move), 4, b.prices.get(asset)!));
      break;
    }
    case 'account': {
      const snap = b.peek();
      const wallet = validAmount(roundTo((snap?.account.k_capital ?? b.config.seed_capital) + cmd.drift, 8));
      b.accountSeq += 1;
      b.accountEvent({ kind: 'ACCOUNT_UPDATE', seq: b.accountSeq, ts, wallet_balance: wallet, available_margin: wallet, used_margin: 0, maint_margin: 0 });
      break;
    }
    case 'funding':
      b.accountSeq += 1;
      b.accountEvent({ kind: 'FUNDING_FEE', seq: b.accountSeq, ts, asset: ASSETS[cmd.asset]!, amount: cmd.amount });
      break;
    case 'settle': {
      const last = b.delivered.at(-1);
      b.accountSeq += 1;
      b.accountEvent({ kind: 'FILL_SETTLED', seq: b.accountSeq, ts, order_id: last?.order_id ?? 'none#1', fee: cmd.fee, realized_pnl: cmd.pnl });
      break;
    }
    case 'act':
      act(b, cmd, ts);
      break;
    case 'reconcile':
      periodicReconcile(b, cmd.slot % b.config.slot_count, cmd.flat);
      break;
    case 'calibrate':
      calibrateLastFill(b, cmd);
      break;
  }
  return b.steps.length - before;
}

/**
 * A periodic reconciliation, as a live system runs one: the venue's truth for one slot is flat
 * (`flat`), or the position the kernel holds (size and entry price), or, when the kernel
 * holds none, a position it never heard of. Working orders are cancelled by the reconcile.
 */
function periodicReconcile(b: ScenarioBuilder, slotId: number, flat: boolean): void {
  const slot = b.slot(slotId);
  const asset = slot.asset ?? ASSETS[0];
  // Not flat and the kernel holds nothing: the venue has a position the kernel never heard of
  // (a lost fill report; missing reports do not mean flat).
  const position = flat
    ? {}
    : slot.size > 0 && slot.entry_price > 0
      ? { position: { side: slot.side ?? ('LONG' as const), size: slot.size, entry_price: slot.entry_price } }
      : { position: { side: 'LONG' as const, size: 1, entry_price: b.prices.get(asset) ?? 100 } };
  b.reconcile(`r${b.seq}`, [{ slot_id: slotId, trade_id: slot.trade_id ?? b.newTradeId(slotId), asset, ...position }]);
}

/**
 * Fee calibration of the last fill delivered (or of a fill at the Size and Price bounds, whose
 * expected fee leaves the Amount range): the exchange's fee is the model's times `factor`.
 */
function calibrateLastFill(b: ScenarioBuilder, cmd: Extract<StrategyCommand, { c: 'calibrate' }>): void {
  const last = [...b.delivered].reverse().find((e) => e.kind === 'FILL' || e.kind === 'PARTIAL_FILL');
  const fill = cmd.atBound || last === undefined || !('price' in last) ? { price: SIZE_PRICE_MAX, size: SIZE_PRICE_MAX } : { price: last.price, size: last.size };
  const order_type = cmd.atBound ? 'LIMIT' : 'MARKET';
  const rate = order_type === 'MARKET' ? b.config.exchange.taker_rate : b.config.exchange.maker_rate;
  const actual = validAmount(fill.price * fill.size * rate * cmd.factor);
  b.calibrateFee({ fill_price: fill.price, fill_size: fill.size, order_type, actual_fee: Number.isFinite(actual) ? actual + 0 : 0 });
}

function act(b: ScenarioBuilder, cmd: Extract<StrategyCommand, { c: 'act' }>, ts: number): void {
  const slotId = cmd.slot % b.config.slot_count;
  const slot = b.slot(slotId);
  const intentId = `i${b.seq}`;
  switch (slot.stage) {
    case 'IDLE':
    case 'CLOSED': {
      const asset = ASSETS[cmd.asset]!;
      const mid = b.prices.get(asset)!;
      const base = { action: 'ENTER' as const, intent_id: intentId, ts, slot_id: slotId, trade_id: b.newTradeId(slotId), asset, side: cmd.long ? ('LONG' as const) : ('SHORT' as const), target_size: cmd.size, leverage: 3, exit_leg_ratios: [...cmd.legs] };
      b.intent(cmd.limit ? { ...base, order_type: 'LIMIT', limit_price: validPrice(mid * (1 + cmd.offset), 2, mid) } : { ...base, order_type: 'MARKET' });
      break;
    }
    case 'POSITION_OPEN': {
      const trade_id = slot.trade_id!;
      const mid = b.prices.get(slot.asset ?? ASSETS[0]) ?? 100;
      const base = { action: 'EXIT' as const, intent_id: intentId, ts, slot_id: slotId, trade_id };
      b.intent(cmd.limit ? { ...base, order_type: 'LIMIT', limit_price: validPrice(mid * (1 - cmd.offset), 2, mid) } : { ...base, order_type: 'MARKET' });
      break;
    }
    case 'ORDER_REQUESTED':
    case 'ENTRY_WORKING':
    case 'EXIT_REQUESTED':
    case 'EXIT_WORKING':
      if (cmd.cancel) b.intent({ action: 'CANCEL', intent_id: intentId, ts, slot_id: slotId, trade_id: slot.trade_id! });
      else b.deliver();
      break;
    case 'STALE_STATE_RECONCILING': {
      // The venue's truth: flat, or the position the kernel last knew.
      const position = slot.size > 0 && cmd.long ? { side: slot.side ?? 'LONG', size: slot.size, entry_price: slot.entry_price > 0 ? slot.entry_price : 100 } : undefined;
      b.reconcile(`r${b.seq}`, [{ slot_id: slotId, trade_id: slot.trade_id ?? b.newTradeId(slotId), asset: slot.asset ?? ASSETS[0], ...(position ? { position } : {}) }]);
      break;
    }
  }
}
