/**
 * What the simulated venue may do, as rates and bounds. Every field is optional in
 * `SimulatedVenueConstraints`; `venueConstraintsWithDefaults` fills the defaults in this one
 * place, so that callers (generators, tests, the fuzz script) name only what they change.
 */
export interface SimulatedVenueConstraints {
  /** Venue ticks between receiving an order and its ack (inclusive range). */
  ackLatencyStepsMin?: number;
  ackLatencyStepsMax?: number;
  /** Venue ticks between two events of one order (inclusive range). */
  eventGapStepsMin?: number;
  eventGapStepsMax?: number;
  /** Most pieces an order's quantity is split into (1 = one FILL). */
  fillPartsMax?: number;
  /** Probability that an order is refused (ORDER_REJECTED instead of an ack). */
  rejectRate?: number;
  /** Probability that a cancel is refused (CANCEL_REJECTED; fills go on). */
  cancelRejectRate?: number;
  /** Probability that an order first draws a RATE_LIMITED event. */
  rateLimitRate?: number;
  /** Probability that an order expires after some of its fills. */
  expireRate?: number;
  /** Probability that a fill arrives without a prior ack (implicit ack). */
  skipAckRate?: number;
  /** Probability that a delivered event is delivered again later (same event_id). */
  duplicateRate?: number;
  /** Probability that the next two due events are delivered in swapped order. */
  reorderRate?: number;
  /** Probability that one more fill arrives after a cancel was confirmed. */
  lateFillAfterCancelRate?: number;
  /** Probability that the last fill of an order reports more than what remained. */
  overfillRate?: number;
  /** Largest relative distance of a MARKET fill price from the venue's price. */
  slippageMax?: number;
  /**
   * Probability that an order is split into decimal partial fills whose binary sum is not the
   * decimal one, the last fill being the remainder (see `non-round-trip-split.ts`); orders
   * whose size has no such split are split as usual.
   */
  hostileSplitRate?: number;
}

export type VenueConstraints = Required<SimulatedVenueConstraints>;

const defaults: VenueConstraints = {
  ackLatencyStepsMin: 0,
  ackLatencyStepsMax: 2,
  eventGapStepsMin: 0,
  eventGapStepsMax: 2,
  fillPartsMax: 3,
  rejectRate: 0.05,
  cancelRejectRate: 0.1,
  rateLimitRate: 0.05,
  expireRate: 0.05,
  skipAckRate: 0.1,
  duplicateRate: 0.05,
  reorderRate: 0.05,
  lateFillAfterCancelRate: 0.05,
  overfillRate: 0.03,
  slippageMax: 0.002,
  hostileSplitRate: 0,
};

/** A venue that does exactly what it is asked: no faults, acks and single fills. */
export const wellBehavedVenue: SimulatedVenueConstraints = {
  rejectRate: 0,
  cancelRejectRate: 0,
  rateLimitRate: 0,
  expireRate: 0,
  skipAckRate: 0,
  duplicateRate: 0,
  reorderRate: 0,
  lateFillAfterCancelRate: 0,
  overfillRate: 0,
};

const rateKeys = [
  'rejectRate',
  'cancelRejectRate',
  'rateLimitRate',
  'expireRate',
  'skipAckRate',
  'duplicateRate',
  'reorderRate',
  'lateFillAfterCancelRate',
  'overfillRate',
  'hostileSplitRate',
] as const;

/** Fills the defaults and refuses nonsense (a rate outside [0, 1], min > max), naming the field. */
export function venueConstraintsWithDefaults(c: SimulatedVenueConstraints = {}): VenueConstraints {
  const out: VenueConstraints = { ...defaults };
  for (const [k, v] of Object.entries(c)) {
    if (v !== undefined) (out as unknown as Record<string, number>)[k] = v;
  }
  for (const k of rateKeys) {
    const v = out[k];
    if (!(v >= 0 && v <= 1)) throw new RangeError(`venue constraint ${k} must be in [0, 1], got ${v}`);
  }
  const ranges = [
    ['ackLatencyStepsMin', 'ackLatencyStepsMax'],
    ['eventGapStepsMin', 'eventGapStepsMax'],
  ] as const;
  for (const [lo, hi] of ranges) {
    if (!Number.isInteger(out[lo]) || out[lo] < 0 || out[hi] < out[lo] || !Number.isInteger(out[hi])) {
      throw new RangeError(`venue constraints ${lo}..${hi} must be integers with 0 <= min <= max, got ${out[lo]}..${out[hi]}`);
    }
  }
  if (!Number.isInteger(out.fillPartsMax) || out.fillPartsMax < 1 || out.fillPartsMax > 16) {
    throw new RangeError(`venue constraint fillPartsMax must be an integer in [1, 16], got ${out.fillPartsMax}`);
  }
  if (!(out.slippageMax >= 0 && out.slippageMax < 0.5)) {
    throw new RangeError(`venue constraint slippageMax must be in [0, 0.5), got ${out.slippageMax}`);
  }
  return out;
}
