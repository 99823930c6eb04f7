import { describe, expect, it } from 'vitest';
import type { PlaceOrder, VenueEvent } from '../../generated/ts/types.js';
import { SimulatedVenue, venueConstraintsWithDefaults, wellBehavedVenue, type SimulatedVenueConstraints } from '../../src/venue/index.js';

const place = (n: number, size = 1): PlaceOrder => ({
  type: 'PLACE_ORDER', slot_id: 0, trade_id: `t${n}`, order_id: `t${n}#1`, role: 'ENTRY', asset: 'BTC-USDT',
  order_side: 'BUY', order_type: 'MARKET', size, reduce_only: false,
});

function drain(v: SimulatedVenue, steps = 200): VenueEvent[] {
  const out: VenueEvent[] = [];
  for (let i = 0; i < steps; i++) {
    const e = v.deliver(1000 + i);
    if (e) out.push(e);
    v.tick();
  }
  return out;
}

function run(seed: number, c: SimulatedVenueConstraints, orders = 20): VenueEvent[] {
  const v = new SimulatedVenue(seed, c);
  for (let n = 0; n < orders; n++) v.submit([place(n, 1 + n / 10)]);
  return drain(v);
}

describe('simulated venue', () => {
  it('is deterministic from its seed', () => {
    expect(run(7, {})).toEqual(run(7, {}));
    expect(run(7, {})).not.toEqual(run(8, {}));
  });

  it('well behaved: one ack then fills that add up to the order size, nothing else', () => {
    const events = run(3, { ...wellBehavedVenue, fillPartsMax: 4 }, 10);
    for (let n = 0; n < 10; n++) {
      const mine = events.filter((e) => e.order_id === `t${n}#1`);
      expect(mine[0]?.kind).toBe('ORDER_ACK');
      const fills = mine.slice(1);
      expect(fills.every((e) => e.kind === 'PARTIAL_FILL' || e.kind === 'FILL')).toBe(true);
      const total = fills.reduce((s, e) => s + ('size' in e ? e.size : 0), 0);
      expect(total).toBeCloseTo(1 + n / 10, 9);
      expect(new Set(mine.map((e) => e.event_id)).size).toBe(mine.length);
    }
  });

  it('injects each configured fault', () => {
    const v = new SimulatedVenue(11, { rejectRate: 0.2, rateLimitRate: 0.3, expireRate: 0.3, duplicateRate: 0.3, reorderRate: 0.3, skipAckRate: 0.3, overfillRate: 0.3 });
    for (let n = 0; n < 60; n++) v.submit([place(n)]);
    const events = drain(v, 600);
    const kinds = new Set(events.map((e) => e.kind));
    for (const k of ['ORDER_REJECTED', 'RATE_LIMITED', 'ORDER_EXPIRED', 'ORDER_ACK', 'PARTIAL_FILL']) expect(kinds).toContain(k);
    const ids = events.map((e) => e.event_id);
    expect(new Set(ids).size).toBeLessThan(ids.length); // duplicates keep their event id
    expect(v.stats.reordered).toBeGreaterThan(0);
    expect(v.stats.overfills).toBeGreaterThan(0);
  });

  it('a cancel drops the fills still to come, or is refused, and may leave a late fill', () => {
    const v = new SimulatedVenue(5, { ...wellBehavedVenue, ackLatencyStepsMin: 3, ackLatencyStepsMax: 3, eventGapStepsMin: 3, eventGapStepsMax: 3, fillPartsMax: 1, lateFillAfterCancelRate: 1 });
    v.submit([place(1)]);
    v.submit([{ type: 'CANCEL_ORDER', slot_id: 0, trade_id: 't1', order_id: 't1#1' }]);
    const kinds = drain(v).map((e) => e.kind);
    expect(kinds).toEqual(['ORDER_ACK', 'CANCEL_ACK', 'FILL']);
    const refused = new SimulatedVenue(5, { ...wellBehavedVenue, ackLatencyStepsMin: 3, ackLatencyStepsMax: 3, eventGapStepsMin: 3, eventGapStepsMax: 3, fillPartsMax: 1, cancelRejectRate: 1 });
    refused.submit([place(1)]);
    refused.submit([{ type: 'CANCEL_ORDER', slot_id: 0, trade_id: 't1', order_id: 't1#1' }]);
    expect(drain(refused).map((e) => e.kind)).toEqual(['ORDER_ACK', 'CANCEL_REJECTED', 'FILL']);
  });

  it('respects the ack latency', () => {
    const v = new SimulatedVenue(1, { ...wellBehavedVenue, ackLatencyStepsMin: 4, ackLatencyStepsMax: 4 });
    v.submit([place(1)]);
    for (let i = 0; i < 4; i++) {
      expect(v.deliver(0)).toBeUndefined();
      v.tick();
    }
    expect(v.deliver(0)?.kind).toBe('ORDER_ACK');
  });

  it('refuses nonsense constraints, naming the field', () => {
    expect(() => venueConstraintsWithDefaults({ rejectRate: 2 })).toThrow(/rejectRate/);
    expect(() => venueConstraintsWithDefaults({ ackLatencyStepsMin: 3, ackLatencyStepsMax: 1 })).toThrow(/ackLatencyStepsMin/);
    expect(() => venueConstraintsWithDefaults({ fillPartsMax: 0 })).toThrow(/fillPartsMax/);
    expect(venueConstraintsWithDefaults({}).fillPartsMax).toBe(3);
  });
});
