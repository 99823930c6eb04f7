/**
 * A simulated venue, deterministic from a seed.
 *
 * Each order draws its fate (latency, reject, fill split, expiry, rate limit) from a stream of
 * its own (`prngForKey(seed, order_id)`), so removing an unrelated step while shrinking does
 * not change what happens to the orders that remain. Faults of delivery (duplicates,
 * reorders) draw from a stream keyed by the event id, for the same reason.
 */
import type { CancelOrder, OrderAction, PlaceOrder, VenueEvent } from '../../generated/ts/types.js';
import { nonRoundTripPrefix } from './non-round-trip-split.js';
import { prngForKey, type Prng } from './prng.js';
import type { VenueAdapter } from './venue-adapter.js';
import { venueConstraintsWithDefaults, type SimulatedVenueConstraints, type VenueConstraints } from './venue-constraints.js';

/** A venue event before delivery: everything but the delivery timestamp. */
type PendingEvent = VenueEvent extends infer E ? (E extends VenueEvent ? Omit<E, 'ts'> : never) : never;

interface Scheduled {
  due: number;
  /** Scheduling order, the tie-break among events due at the same step. */
  order: number;
  event: PendingEvent;
  /** A redelivery of an event already delivered once; never duplicated again. */
  duplicate: boolean;
}

interface OrderBook {
  place: PlaceOrder;
  eventCount: number;
  cancelCount: number;
}

/** Counts of what the venue did, for tests and reports. */
export interface VenueStats {
  placed: number;
  cancels: number;
  rejected: number;
  cancelRejected: number;
  rateLimited: number;
  expired: number;
  implicitAcks: number;
  duplicated: number;
  reordered: number;
  lateFills: number;
  overfills: number;
  hostileSplits: number;
  delivered: number;
}

/** Pending-queue bound: a venue that schedules more than this is a generator bug. */
const pending_events_max = 100_000;

/** Schema bound of Size and Price: what the venue reports stays a valid event. */
const quantity_max = 1e12;

/** Fill sizes and prices are rounded to this many decimals before the kernel sees them. */
const size_decimals = 6;
const price_decimals = 4;

function round(x: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(x * f) / f;
}

export class SimulatedVenue implements VenueAdapter {
  readonly constraints: VenueConstraints;
  readonly stats: VenueStats = {
    placed: 0, cancels: 0, rejected: 0, cancelRejected: 0, rateLimited: 0, expired: 0,
    implicitAcks: 0, duplicated: 0, reordered: 0, lateFills: 0, overfills: 0, hostileSplits: 0, delivered: 0,
  };
  private now = 0;
  private scheduled = 0;
  private queue: Scheduled[] = [];
  private readonly orders = new Map<string, OrderBook>();
  private readonly prices = new Map<string, number>();

  constructor(readonly seed: number, constraints: SimulatedVenueConstraints = {}) {
    this.constraints = venueConstraintsWithDefaults(constraints);
  }

  setPrice(asset: string, price: number): void {
    this.prices.set(asset, price);
  }

  tick(): void {
    this.now += 1;
  }

  pending(): number {
    return this.queue.length;
  }

  submit(actions: readonly OrderAction[]): void {
    for (const a of actions) {
      if (a.type === 'PLACE_ORDER') this.place(a);
      else this.cancel(a);
    }
  }

  deliver(ts: number): VenueEvent | undefined {
    const due = this.queue.filter((s) => s.due <= this.now).sort((a, b) => a.due - b.due || a.order - b.order);
    let chosen = due[0];
    if (chosen === undefined) return undefined;
    const c = this.constraints;
    const r = prngForKey(this.now, `deliver/${chosen.event.event_id}/${chosen.order}`);
    const second = due[1];
    if (second !== undefined && r.chance(c.reorderRate)) {
      chosen = second;
      this.stats.reordered += 1;
    }
    this.queue.splice(this.queue.indexOf(chosen), 1);
    if (!chosen.duplicate && r.chance(c.duplicateRate)) {
      this.push(chosen.event, this.now + r.int(c.eventGapStepsMin, c.eventGapStepsMax + 2), true);
      this.stats.duplicated += 1;
    }
    this.stats.delivered += 1;
    return { ...chosen.event, ts } as VenueEvent;
  }

  private push(event: PendingEvent, due: number, duplicate = false): void {
    if (this.queue.length >= pending_events_max) {
      throw new RangeError(`simulated venue: more than pending_events_max=${pending_events_max} events pending`);
    }
    this.queue.push({ due, order: this.scheduled++, event, duplicate });
  }

  private nextEventId(book: OrderBook): string {
    book.eventCount += 1;
    return `${book.place.order_id}/e${book.eventCount}`;
  }

  private base(book: OrderBook) {
    return { event_id: this.nextEventId(book), slot_id: book.place.slot_id, trade_id: book.place.trade_id, order_id: book.place.order_id };
  }

  private place(p: PlaceOrder): void {
    const c = this.constraints;
    const r = prngForKey(this.seed, p.order_id);
    const book: OrderBook = { place: p, eventCount: 0, cancelCount: 0 };
    this.orders.set(p.order_id, book);
    this.stats.placed += 1;
    let t = this.now + r.int(c.ackLatencyStepsMin, c.ackLatencyStepsMax);
    const gap = () => r.int(c.eventGapStepsMin, c.eventGapStepsMax);
    if (r.chance(c.rateLimitRate)) {
      this.push({ kind: 'RATE_LIMITED', ...this.base(book), retry_after_ms: r.int(0, 5000) }, t);
      this.stats.rateLimited += 1;
      t += gap();
    }
    if (r.chance(c.rejectRate)) {
      this.push({ kind: 'ORDER_REJECTED', ...this.base(book), reason: 'simulated reject' }, t);
      this.stats.rejected += 1;
      return;
    }
    if (r.chance(c.skipAckRate)) {
      this.stats.implicitAcks += 1;
    } else {
      this.push({ kind: 'ORDER_ACK', ...this.base(book), venue_order_id: `v-${p.order_id}` }, t);
      t += gap();
    }
    this.scheduleFills(book, r, t, gap);
  }

  private scheduleFills(book: OrderBook, r: Prng, start: number, gap: () => number): void {
    const c = this.constraints;
    const p = book.place;
    const prefix = c.hostileSplitRate > 0 && r.chance(c.hostileSplitRate) ? nonRoundTripPrefix(p.size) : undefined;
    if (prefix !== undefined) {
      this.scheduleSplit(book, r, start, gap, prefix);
      return;
    }
    const parts = r.int(1, c.fillPartsMax);
    const expireAfter = r.chance(c.expireRate) ? r.int(0, parts - 1) : -1;
    let t = start;
    let filled = 0;
    for (let i = 0; i < parts; i++) {
      if (i === expireAfter) {
        this.push({ kind: 'ORDER_EXPIRED', ...this.base(book) }, t);
        this.stats.expired += 1;
        return;
      }
      const last = i === parts - 1;
      let size = last ? p.size - filled : round((p.size / parts) * (0.5 + r.next()), size_decimals);
      if (!last && (size <= 0 || filled + size >= p.size)) continue;
      if (last && r.chance(c.overfillRate)) {
        size = Math.min(size * 1.5, quantity_max);
        this.stats.overfills += 1;
      }
      if (!(size > 0)) return;
      filled += size;
      const kind = last && r.chance(0.7) ? 'FILL' : 'PARTIAL_FILL';
      this.push({ kind, ...this.base(book), price: this.fillPrice(p, r), size }, t);
      t += gap();
    }
  }

  /**
   * The fills `prefix` and then the remainder `size - sum(prefix)`, exactly (never rounded):
   * a sum that does not give back the size, for the kernel's overfill test and average.
   */
  private scheduleSplit(book: OrderBook, r: Prng, start: number, gap: () => number, prefix: readonly number[]): void {
    const p = book.place;
    let t = start;
    let filled = 0;
    for (const size of prefix) {
      filled += size;
      this.push({ kind: 'PARTIAL_FILL', ...this.base(book), price: this.fillPrice(p, r), size }, t);
      t += gap();
    }
    const kind = r.chance(0.5) ? 'FILL' : 'PARTIAL_FILL';
    this.push({ kind, ...this.base(book), price: this.fillPrice(p, r), size: p.size - filled }, t);
    this.stats.hostileSplits += 1;
  }

  private fillPrice(p: PlaceOrder, r: Prng): number {
    if (p.order_type === 'LIMIT' && p.limit_price !== undefined) return p.limit_price;
    const mid = this.prices.get(p.asset) ?? 100;
    const slip = (r.next() * 2 - 1) * this.constraints.slippageMax;
    const price = Math.min(round(mid * (1 + slip), price_decimals), quantity_max);
    return price > 0 ? price : mid;
  }

  private cancel(a: CancelOrder): void {
    const c = this.constraints;
    const book = this.orders.get(a.order_id);
    this.stats.cancels += 1;
    if (book === undefined) return; // a venue that never saw the order has nothing to say
    book.cancelCount += 1;
    const r = prngForKey(this.seed, `${a.order_id}/cancel${book.cancelCount}`);
    const t = this.now + r.int(c.ackLatencyStepsMin, c.ackLatencyStepsMax);
    const live = this.queue.filter((s) => s.event.order_id === a.order_id && !s.duplicate);
    const stillWorking = live.some((s) => s.event.kind === 'PARTIAL_FILL' || s.event.kind === 'FILL' || s.event.kind === 'ORDER_EXPIRED');
    if (!stillWorking || r.chance(c.cancelRejectRate)) {
      // Nothing left to cancel (filled, rejected or expired already), or the venue refuses.
      this.push({ kind: 'CANCEL_REJECTED', ...this.base(book), reason: stillWorking ? 'simulated cancel reject' : 'order not working' }, t);
      this.stats.cancelRejected += 1;
      return;
    }
    // Fills due after the cancel lands are dropped; earlier ones still race it.
    const dropped = live.filter((s) => s.due > t && s.event.kind !== 'ORDER_ACK');
    this.queue = this.queue.filter((s) => !dropped.includes(s));
    this.push({ kind: 'CANCEL_ACK', ...this.base(book) }, t);
    const lateFill = dropped.find((s) => s.event.kind === 'PARTIAL_FILL' || s.event.kind === 'FILL');
    if (lateFill !== undefined && r.chance(c.lateFillAfterCancelRate)) {
      this.push(lateFill.event, t + 1 + r.int(0, c.eventGapStepsMax));
      this.stats.lateFills += 1;
    }
  }
}
