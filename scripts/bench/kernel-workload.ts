/**
 * The mixed kernel workload of the `kernel` bench section: many slots cycling through whole
 * trades of five shapes (a full two-leg lifecycle with partial fills and marks, a rejected
 * entry, a cancelled entry, a partly filled entry cancelled into a position and exited, a
 * rejected exit), interleaved across the slots. Deterministic; generated lazily, one trade
 * per slot at a time, so a million steps need no memory of their own.
 */
import type { EngineIntent, KernelConfig, VenueEvent } from '../../generated/ts/types.js';

/** The configuration every kernel benchmark runs with: `slots` slots, taker/maker fees. */
export function workloadConfig(slots: number): KernelConfig {
  return {
    slot_count: slots,
    seed_capital: 1_000_000,
    seen_event_ids_max: 64,
    reconcile_tolerance: 0.01,
    exchange: { taker_rate: 0.0005, maker_rate: 0.0002, fee_calibration_alpha: 0.1 },
    control: { mode: 'backtest', verbosity: 'NORMAL' },
  };
}

export type WorkStep =
  | { readonly op: 'intent'; readonly intent: EngineIntent }
  | { readonly op: 'venue_event'; readonly event: VenueEvent }
  | { readonly op: 'mark_price'; readonly asset: string; readonly price: number; readonly ts: number };

export const WORKLOAD_ASSETS = ['BTC-USDT', 'ETH-USDT', 'SOL-USDT'] as const;

/** The steps of trade number `n` on slot `slot`. */
export function tradeSteps(n: number, slot: number): WorkStep[] {
  const t = `T${n}`;
  const ts = 1_700_000_000_000 + n;
  const asset = WORKLOAD_ASSETS[n % WORKLOAD_ASSETS.length] as string;
  const side = n % 2 === 0 ? 'LONG' : 'SHORT';
  let e = 0;
  const ev = (kind: VenueEvent['kind'], order: number, extra: Record<string, unknown> = {}): WorkStep => {
    e += 1;
    return { op: 'venue_event', event: { kind, event_id: `${t}-${e}`, ts: ts + e, slot_id: slot, trade_id: t, order_id: `${t}#${order}`, ...extra } as VenueEvent };
  };
  const enter = (limit: boolean): WorkStep => ({
    op: 'intent',
    intent: {
      action: 'ENTER', intent_id: `${t}-in`, ts, slot_id: slot, trade_id: t, asset, side, order_type: limit ? 'LIMIT' : 'MARKET',
      ...(limit ? { limit_price: 100.5 } : {}), target_size: 0.25, leverage: 5, exit_leg_ratios: [0.5, 0.5],
    },
  });
  const exit = (k: number): WorkStep => ({ op: 'intent', intent: { action: 'EXIT', intent_id: `${t}-out${k}`, ts, slot_id: slot, trade_id: t, order_type: 'MARKET' } });
  const cancel: WorkStep = { op: 'intent', intent: { action: 'CANCEL', intent_id: `${t}-cx`, ts, slot_id: slot, trade_id: t } };
  // A mark revalues every open slot of its asset (O(slots)); one every eighth full trade keeps
  // marks a fixed share of the steps however many slots there are.
  const mark: WorkStep[] = n % 8 === 0 ? [{ op: 'mark_price', asset, price: 100 + (n % 7), ts }] : [];
  switch (n % 5) {
    case 0:
    case 1:
      return [enter(true), ev('ORDER_ACK', 1, { venue_order_id: `V${n}` }), ev('PARTIAL_FILL', 1, { price: 100.5, size: 0.1 }), ev('FILL', 1, { price: 100.25, size: 0.15 }), ...mark, exit(1), ev('FILL', 2, { price: 101.75, size: 0.125 }), exit(2), ev('ORDER_ACK', 3), ev('FILL', 3, { price: 99.5, size: 0.125 })];
    case 2:
      return [enter(false), ev('ORDER_REJECTED', 1, { reason: 'insufficient margin' })];
    case 3:
      return [enter(true), ev('ORDER_ACK', 1), cancel, ev('CANCEL_ACK', 1)];
    default:
      // Entry cancelled at 0.2 of 0.25: a position of 0.2; leg 0 (0.1) rejected, retried in two
      // fills; leg 1 takes the remaining 0.1.
      return [enter(false), ev('PARTIAL_FILL', 1, { price: 100, size: 0.2 }), cancel, ev('CANCEL_ACK', 1), exit(1), ev('ORDER_REJECTED', 2), exit(2), ev('PARTIAL_FILL', 3, { price: 102, size: 0.05 }), ev('FILL', 3, { price: 102, size: 0.05 }), exit(3), ev('FILL', 4, { price: 101, size: 0.1 })];
  }
}

/**
 * An endless interleaving: each slot runs its current trade one step at a time, slots taking
 * turns; a slot whose trade is done starts the next trade number.
 */
export function* workload(slotCount: number): Generator<WorkStep> {
  const queues: WorkStep[][] = [];
  const cursor: number[] = [];
  let trades = 0;
  for (let s = 0; s < slotCount; s++) {
    trades += 1;
    queues.push(tradeSteps(trades, s));
    cursor.push(0);
  }
  for (;;) {
    for (let s = 0; s < slotCount; s++) {
      let q = queues[s] as WorkStep[];
      if ((cursor[s] as number) >= q.length) {
        trades += 1;
        q = tradeSteps(trades, s);
        queues[s] = q;
        cursor[s] = 0;
      }
      const i = cursor[s] as number;
      cursor[s] = i + 1;
      yield q[i] as WorkStep;
    }
  }
}

/** The first `count` steps, materialised (for timing the kernel without the generator). */
export function takeSteps(slotCount: number, count: number): WorkStep[] {
  const out: WorkStep[] = [];
  for (const s of workload(slotCount)) {
    out.push(s);
    if (out.length === count) break;
  }
  return out;
}
