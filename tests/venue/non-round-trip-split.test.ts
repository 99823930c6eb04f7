import { describe, expect, it } from 'vitest';
import { nonRoundTripPrefix, roundTrips } from '../../src/venue/non-round-trip-split.js';
import { SimulatedVenue } from '../../src/venue/index.js';

describe('non-round-trip splits', () => {
  it('finds decimal prefixes after which the remainder does not give back the size', () => {
    expect(roundTrips(0.3, 0.03)).toBe(false);
    expect(roundTrips(1, 0.1)).toBe(true);
    for (const size of [0.3, 123.456, 1 / 3, 2 / 3]) {
      const prefix = nonRoundTripPrefix(size)!;
      expect(prefix, String(size)).toBeDefined();
      const f = prefix.reduce((a, b) => a + b, 0);
      expect(f + (size - f)).not.toBe(size);
    }
    // A size whose last significand bit is even has none: its remainder always rounds back.
    expect(nonRoundTripPrefix(1)).toBeUndefined();
    expect(nonRoundTripPrefix(2.5)).toBeUndefined();
  });

  it('the venue reports the prefix fills and then the exact remainder', () => {
    const venue = new SimulatedVenue(3, { hostileSplitRate: 1, rejectRate: 0, rateLimitRate: 0, expireRate: 0, skipAckRate: 0, duplicateRate: 0, reorderRate: 0, overfillRate: 0 });
    venue.setPrice('BTC-USDT', 100);
    venue.submit([{ type: 'PLACE_ORDER', slot_id: 0, trade_id: 't', order_id: 't#1', asset: 'BTC-USDT', order_side: 'BUY', order_type: 'MARKET', role: 'ENTRY', size: 0.3, reduce_only: false }]);
    const sizes: number[] = [];
    for (let ts = 0; ts < 40; ts++) {
      const e = venue.deliver(ts);
      if (e === undefined) venue.tick();
      else if (e.kind === 'FILL' || e.kind === 'PARTIAL_FILL') sizes.push(e.size);
    }
    expect(sizes).toEqual([0.03, 0.3 - 0.03]);
    expect(venue.stats.hostileSplits).toBe(1);
  });
});
