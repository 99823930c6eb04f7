/**
 * The adversarial level's commands: any event at any time. Duplicated and replayed venue
 * events, unknown orders and trades, contradictions (fills on finished orders), reconciles
 * in the middle of a lifecycle, account events out of sequence, mark prices, snapshots,
 * restores of earlier snapshots (a restart that forgets what it saw since), resets, and
 * out-of-range slot ids. Targets are picked against the builder's current view, so that a
 * contradiction names a real order often enough to reach the deep cells.
 */
import fc from 'fast-check';
import type { OrderType, ReconcileSlot, Side, TradeSlot, VenueEvent, VenueEventKind } from '../../generated/ts/types.js';
import type { ScenarioBuilder } from './scenario-builder.js';
import { ASSETS } from './scenario-builder.js';
import { legChoices, validAmount } from './strategy-command.js';
import { floatHostileNumber, SIZE_PRICE_MAX } from './float-hostile-number.js';
import { nextDown, nextUp } from './float-steps.js';
import { AMOUNT_MAX } from '../../generated/ts/protocol-edge.js';

const venueKinds: readonly VenueEventKind[] = ['ORDER_ACK', 'PARTIAL_FILL', 'FILL', 'CANCEL_ACK', 'ORDER_REJECTED', 'CANCEL_REJECTED', 'ORDER_EXPIRED', 'RATE_LIMITED'];

/** Numbers that are schema-valid yet awkward: tiny, huge, non-representable decimals. */
const awkwardSizes = [1, 0.1, 0.3, 1e-9, 5e-324, 1e12, 2.5, 0.7, 1 / 3];
const awkwardPrices = [100, 0.1, 99.99, 1e-7, 1e12, 100.005, 12345.6789];
const awkwardRatios: readonly (readonly number[])[] = [...legChoices, [0.7, 0.3000000000001], [1e-9], [0.5, 0.5, 1e-13], [0.9, 0.2], [nextUp(0.5), 0.5], [Number.MIN_VALUE]];
/** Sizes and prices: the awkward ones above, or any float-hostile number (subnormals to the 1e12 bound). */
const sizeArb = fc.oneof(fc.constantFrom(...awkwardSizes), floatHostileNumber());
const priceArb = fc.oneof(fc.constantFrom(...awkwardPrices), floatHostileNumber({ round: [100, 2000] }));
/** Amounts of account events: up to the Amount bound, either sign. */
const amountArb = fc.oneof(fc.constantFrom(0, 10_000, 9_999.99, -5, 0.1, AMOUNT_MAX), floatHostileNumber({ max: AMOUNT_MAX, signed: true, round: [0] }));
/**
 * A fill's size: the drawn value, or the remainder of the order it names (intended - filled,
 * as the kernel computes it) or one ulp either side of that remainder.
 */
export type FillSizeMode = 'value' | 'remainder' | 'remainder-up' | 'remainder-down';

export type AdversarialCommand =
  | { readonly c: 'intent'; readonly action: 'ENTER' | 'EXIT' | 'CANCEL'; readonly slot: number; readonly trade: number; readonly size: number; readonly price: number; readonly limit: boolean; readonly priceOnMarket: boolean; readonly leverage: number; readonly legs: readonly number[]; readonly side: Side }
  | { readonly c: 'event'; readonly kind: VenueEventKind; readonly slot: number; readonly trade: number; readonly order: number; readonly eventId: number; readonly price: number; readonly size: number; readonly sizeMode: FillSizeMode }
  | { readonly c: 'replay'; readonly pick: number }
  | { readonly c: 'account'; readonly kind: 'FILL_SETTLED' | 'ACCOUNT_UPDATE' | 'FUNDING_FEE'; readonly seqDelta: number; readonly amount: number }
  | { readonly c: 'mark'; readonly asset: number; readonly price: number }
  | { readonly c: 'reconcile'; readonly slots: readonly { readonly slot: number; readonly trade: number; readonly open: boolean; readonly side: Side; readonly size: number; readonly price: number; readonly atBound: boolean }[] }
  | { readonly c: 'calibrate'; readonly price: number; readonly size: number; readonly limit: boolean; readonly fee: number }
  | { readonly c: 'snapshot' }
  | { readonly c: 'restore'; readonly pick: number }
  | { readonly c: 'reset' };

/** Slot ids: mostly in range (0..2), sometimes just past a small slot_count, rarely the schema's maximum. */
const slotIdArb = fc.oneof({ weight: 8, arbitrary: fc.nat({ max: 2 }) }, { weight: 1, arbitrary: fc.constantFrom(3, 4, 1023) });

/** Built once: an arbitrary is immutable, and building one per scenario cost more than drawing from it. */
let adversarialCommands: fc.Arbitrary<AdversarialCommand> | undefined;

export function adversarialCommandArbitrary(): fc.Arbitrary<AdversarialCommand> {
  adversarialCommands ??= buildAdversarialCommandArbitrary();
  return adversarialCommands;
}

function buildAdversarialCommandArbitrary(): fc.Arbitrary<AdversarialCommand> {
  return fc.oneof(
    {
      weight: 4,
      arbitrary: fc.record({
        c: fc.constant('intent' as const),
        action: fc.constantFrom('ENTER' as const, 'EXIT' as const, 'CANCEL' as const),
        slot: slotIdArb,
        trade: fc.nat({ max: 3 }),
        size: sizeArb,
        price: priceArb,
        limit: fc.boolean(),
        priceOnMarket: fc.boolean(),
        leverage: fc.constantFrom(1, 3, 1000, 0.5),
        legs: fc.constantFrom(...awkwardRatios),
        side: fc.constantFrom('LONG' as const, 'SHORT' as const),
      }),
    },
    {
      weight: 6,
      arbitrary: fc.record({
        c: fc.constant('event' as const),
        kind: fc.constantFrom(...venueKinds),
        slot: slotIdArb,
        trade: fc.nat({ max: 3 }),
        order: fc.nat({ max: 3 }),
        eventId: fc.nat({ max: 3 }),
        price: priceArb,
        size: sizeArb,
        sizeMode: fc.constantFrom<FillSizeMode>('value', 'value', 'remainder', 'remainder-up', 'remainder-down'),
      }),
    },
    { weight: 2, arbitrary: fc.record({ c: fc.constant('replay' as const), pick: fc.nat({ max: 63 }) }) },
    {
      weight: 2,
      arbitrary: fc.record({
        c: fc.constant('account' as const),
        kind: fc.constantFrom('FILL_SETTLED' as const, 'ACCOUNT_UPDATE' as const, 'FUNDING_FEE' as const),
        seqDelta: fc.constantFrom(1, 1, 1, 0, -1, 5),
        amount: amountArb,
      }),
    },
    { weight: 1, arbitrary: fc.record({ c: fc.constant('mark' as const), asset: fc.nat({ max: ASSETS.length - 1 }), price: fc.constantFrom(...awkwardPrices) }) },
    {
      weight: 1,
      arbitrary: fc.record({
        c: fc.constant('reconcile' as const),
        slots: fc.array(
          fc.record({ slot: slotIdArb, trade: fc.nat({ max: 3 }), open: fc.boolean(), side: fc.constantFrom('LONG' as const, 'SHORT' as const), size: sizeArb, price: priceArb, atBound: fc.constantFrom(false, false, false, true) }),
          { minLength: 1, maxLength: 3 },
        ),
      }),
    },
    { weight: 1, arbitrary: fc.record({ c: fc.constant('calibrate' as const), price: priceArb, size: sizeArb, limit: fc.boolean(), fee: fc.oneof(fc.constantFrom(0, 0.04, -0.01, 1e-12), floatHostileNumber({ max: AMOUNT_MAX, signed: true })) }) },
    { weight: 1, arbitrary: fc.constant({ c: 'snapshot' as const }) },
    { weight: 1, arbitrary: fc.record({ c: fc.constant('restore' as const), pick: fc.nat({ max: 7 }) }) },
    { weight: 1, arbitrary: fc.constant({ c: 'reset' as const }) },
  );
}

/** trade 0: the slot's own trade; 1: another slot's; 2: an earlier trade; 3: one nobody knows. */
function pickTrade(b: ScenarioBuilder, slot: TradeSlot | undefined, pick: number): string {
  const own = slot?.trade_id;
  if (pick === 0 && own !== undefined) return own;
  if (pick === 1) {
    const other = b.slots.find((s) => s.trade_id !== undefined && s.trade_id !== own)?.trade_id;
    if (other !== undefined) return other;
  }
  if (pick === 2 && b.tradeIds.length > 0) return b.tradeIds[0]!;
  return own ?? 'tX';
}

/** order 0: the entry order; 1: the exit order; 2: an id the trade never had; 3: the entry of an earlier trade. */
function pickOrder(b: ScenarioBuilder, slot: TradeSlot | undefined, trade: string, pick: number): string {
  if (pick === 0) return slot?.entry_order?.order_id ?? `${trade}#1`;
  if (pick === 1) return slot?.exit_order?.order_id ?? `${trade}#2`;
  if (pick === 2) return `${trade}#99`;
  return `${b.tradeIds[0] ?? 'tX'}#1`;
}

/** The size a fill command reports: its own value, or the named order's remainder or a neighbour of it. */
function fillSize(slot: TradeSlot | undefined, orderId: string, cmd: Extract<AdversarialCommand, { c: 'event' }>): number {
  const order = slot?.entry_order?.order_id === orderId ? slot.entry_order : slot?.exit_order?.order_id === orderId ? slot.exit_order : undefined;
  if (cmd.sizeMode === 'value' || order === undefined) return cmd.size;
  const remaining = order.intended_size - order.filled_size;
  const size = cmd.sizeMode === 'remainder' ? remaining : cmd.sizeMode === 'remainder-up' ? nextUp(remaining) : nextDown(remaining);
  return size > 0 && size <= SIZE_PRICE_MAX ? size : cmd.size;
}

export function applyAdversarialCommand(b: ScenarioBuilder, cmd: AdversarialCommand): void {
  const ts = b.ts;
  switch (cmd.c) {
    case 'intent': {
      const slot = b.slots[cmd.slot];
      const intent_id = `i${b.seq}`;
      const trade_id = cmd.action === 'ENTER' && cmd.trade === 0 ? b.newTradeId(cmd.slot) : pickTrade(b, slot, cmd.trade);
      const order_type: OrderType = cmd.limit ? 'LIMIT' : 'MARKET';
      const price = cmd.limit !== cmd.priceOnMarket ? { limit_price: cmd.price } : {};
      if (cmd.action === 'ENTER') {
        b.intent({ action: 'ENTER', intent_id, ts, slot_id: cmd.slot, trade_id, asset: ASSETS[cmd.trade % ASSETS.length]!, side: cmd.side, order_type, target_size: cmd.size, leverage: cmd.leverage, exit_leg_ratios: [...cmd.legs], ...price });
      } else if (cmd.action === 'EXIT') {
        b.intent({ action: 'EXIT', intent_id, ts, slot_id: cmd.slot, trade_id, order_type, ...price });
      } else {
        b.intent({ action: 'CANCEL', intent_id, ts, slot_id: cmd.slot, trade_id });
      }
      break;
    }
    case 'event': {
      const slot = b.slots[cmd.slot];
      const trade_id = pickTrade(b, slot, cmd.trade);
      const order_id = pickOrder(b, slot, trade_id, cmd.order);
      const reuse = cmd.eventId === 3 && b.usedEventIds.length > 0;
      const event_id = reuse ? b.usedEventIds[b.usedEventIds.length - 1]! : `x${b.seq}`;
      const base = { event_id, ts, slot_id: cmd.slot, trade_id, order_id };
      let e: VenueEvent;
      switch (cmd.kind) {
        case 'PARTIAL_FILL':
        case 'FILL':
          e = { kind: cmd.kind, ...base, price: cmd.price, size: fillSize(slot, order_id, cmd) };
          break;
        case 'RATE_LIMITED':
          e = { kind: 'RATE_LIMITED', ...base, retry_after_ms: 1000 };
          break;
        default:
          e = { kind: cmd.kind, ...base };
      }
      b.venueEvent(e);
      break;
    }
    case 'replay': {
      const e = b.delivered[cmd.pick % Math.max(1, b.delivered.length)];
      if (e !== undefined) b.venueEvent({ ...e, ts });
      else b.deliver();
      break;
    }
    case 'account': {
      const seq = Math.max(0, b.accountSeq + cmd.seqDelta);
      if (seq > b.accountSeq) b.accountSeq = seq;
      if (cmd.kind === 'ACCOUNT_UPDATE') {
        const snap = b.peek();
        const wallet = validAmount(cmd.amount === 10_000 && snap !== undefined ? snap.account.k_capital : cmd.amount);
        b.accountEvent({ kind: 'ACCOUNT_UPDATE', seq, ts, wallet_balance: wallet, available_margin: wallet, used_margin: 0, maint_margin: 0 });
      } else if (cmd.kind === 'FUNDING_FEE') {
        b.accountEvent({ kind: 'FUNDING_FEE', seq, ts, asset: ASSETS[0], amount: cmd.amount });
      } else {
        b.accountEvent({ kind: 'FILL_SETTLED', seq, ts, order_id: b.delivered.at(-1)?.order_id ?? 'tX#1', fee: cmd.amount / 1000, realized_pnl: cmd.amount });
      }
      break;
    }
    case 'mark': {
      // Asset 0 marks a held position's asset when there is one, so that marked slots (whose
      // reconcile and revaluation can leave the Amount range) are common.
      const held = cmd.asset === 0 ? b.slots.find((sl) => sl.size > 0)?.asset : undefined;
      b.markPrice(held ?? ASSETS[cmd.asset]!, cmd.price);
      break;
    }
    case 'reconcile': {
      const slots: ReconcileSlot[] = cmd.slots.map((s) => {
        // At the bounds, a marked slot if there is one: its unrealized PnL then leaves the
        // Amount range and the reconcile is refused.
        const slotId = s.atBound ? (b.slots.find((sl) => sl.mark_price !== undefined)?.slot_id ?? s.slot) : s.slot;
        const view = b.slots[slotId];
        return {
          slot_id: slotId,
          trade_id: pickTrade(b, view, s.atBound ? 0 : s.trade),
          asset: view?.asset ?? ASSETS[0],
          ...(s.open ? { position: { side: s.side, size: s.atBound ? SIZE_PRICE_MAX : s.size, entry_price: s.atBound ? SIZE_PRICE_MAX : s.price } } : {}),
        };
      });
      b.reconcile(`r${b.seq}`, slots);
      break;
    }
    case 'calibrate':
      b.calibrateFee({ fill_price: cmd.price, fill_size: cmd.size, order_type: cmd.limit ? 'LIMIT' : 'MARKET', actual_fee: cmd.fee });
      break;
    case 'snapshot':
      b.snapshot();
      break;
    case 'restore': {
      if (b.snapshots.length === 0) {
        const now = b.peek();
        if (now !== undefined) b.keepSnapshot(now);
      }
      const s = b.snapshots[cmd.pick % Math.max(1, b.snapshots.length)];
      if (s !== undefined) b.restore(s);
      break;
    }
    case 'reset':
      b.reset();
      break;
  }
}
