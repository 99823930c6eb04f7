/**
 * The venue adapter boundary: what sits between the kernel and an exchange.
 *
 * The kernel answers every step with `OrderAction`s (place, cancel); an adapter carries them
 * to a venue and hands back the venue's reports as `VenueEvent`s, one at a time, for the
 * next kernel steps. A real exchange connector and the simulated venue both implement this;
 * the scenario generators only ever talk to the interface.
 */
import type { OrderAction, VenueEvent } from '../../generated/ts/types.js';

export interface VenueAdapter {
  /** Carry the kernel's order actions to the venue (in the order the kernel emitted them). */
  submit(actions: readonly OrderAction[]): void;
  /** One step of venue time passes (latencies are counted in these steps). */
  tick(): void;
  /** The next venue report that is due, stamped with `ts`, or undefined when none is due. */
  deliver(ts: number): VenueEvent | undefined;
  /** Reports scheduled but not delivered yet. */
  pending(): number;
  /** The venue's current price of an asset (what MARKET orders fill around). */
  setPrice(asset: string, price: number): void;
}
