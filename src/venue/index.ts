/** The venue boundary and the simulated venue. */
export type { VenueAdapter } from './venue-adapter.js';
export { SimulatedVenue, type VenueStats } from './simulated-venue.js';
export {
  venueConstraintsWithDefaults,
  wellBehavedVenue,
  type SimulatedVenueConstraints,
  type VenueConstraints,
} from './venue-constraints.js';
export { createPrng, hashSeed, prngForKey, type Prng } from './prng.js';
