/**
 * Builds a scenario step by step while running the reference kernel and a venue, so that
 * each next step can depend on what the kernel did (stages, order ids, account) and the
 * venue's reports follow the kernel's real order actions.
 *
 * The builder records requests; the recorded list is the scenario, replayed later against
 * every implementation. If the reference kernel throws while building, the step is kept
 * and building stops: the failing scenario then reaches the runner, which reports it.
 */
import type {
  AccountEvent,
  CoreSnapshot,
  EngineIntent,
  ExecutionStepResult,
  FixtureStep,
  KernelConfig,
  ProtocolRequest,
  ReconcileSlot,
  TradeSlot,
  VenueEvent,
} from '../../generated/ts/types.js';
import { checkRequestSchema } from '../protocol/read-request.js';
import { emptySlot } from '../kernel/index.js';
import { SimulatedVenue, type SimulatedVenueConstraints, type VenueAdapter } from '../venue/index.js';
import type { ReferenceKernel, ReferenceKernelFactory } from './reference-kernel.js';
import { FIRST_STEP_SEQ, SCENARIO_TS_START, SCENARIO_TS_STEP_MS, type Scenario, type ScenarioLevel } from './scenario.js';

/** Bound on the snapshots kept for later restore steps. */
const kept_snapshots_max = 8;
/** Bound on delivered venue events kept for replays. */
const kept_events_max = 64;

export const ASSETS = ['BTC-USDT', 'ETH-USDT'] as const;
export const START_PRICES: Readonly<Record<string, number>> = { 'BTC-USDT': 100, 'ETH-USDT': 2000 };

type RequestBody = ProtocolRequest extends infer R ? (R extends ProtocolRequest ? Omit<R, 'seq'> : never) : never;

export class ScenarioBuilder {
  readonly steps: FixtureStep[] = [];
  readonly venue: VenueAdapter;
  readonly kernel: ReferenceKernel;
  /** The kernel's slots as last reported. */
  readonly slots: TradeSlot[] = [];
  readonly snapshots: CoreSnapshot[] = [];
  readonly delivered: VenueEvent[] = [];
  readonly usedEventIds: string[] = [];
  readonly tradeIds: string[] = [];
  readonly prices = new Map<string, number>();
  seq = FIRST_STEP_SEQ;
  accountSeq = 0;
  broken = false;
  private tradeCount = 0;

  constructor(
    readonly config: KernelConfig,
    readonly seed: number,
    factory: ReferenceKernelFactory,
    venueConstraints: SimulatedVenueConstraints = {},
  ) {
    this.kernel = factory(config);
    const venue = new SimulatedVenue(seed, venueConstraints);
    for (const a of ASSETS) {
      venue.setPrice(a, START_PRICES[a]!);
      this.prices.set(a, START_PRICES[a]!);
    }
    this.venue = venue;
    this.resetView();
  }

  get ts(): number {
    return SCENARIO_TS_START + this.steps.length * SCENARIO_TS_STEP_MS;
  }

  slot(id: number): TradeSlot {
    return this.slots[id]!;
  }

  newTradeId(slotId: number): string {
    this.tradeCount += 1;
    const id = `t${slotId}-${this.tradeCount}`;
    this.tradeIds.push(id);
    return id;
  }

  scenario(level: ScenarioLevel): Scenario {
    return { level, config: this.config, steps: this.steps.slice() };
  }

  intent(i: EngineIntent): ExecutionStepResult | undefined {
    return this.step({ op: 'intent', intent: i }, (k) => k.intent(i));
  }

  venueEvent(e: VenueEvent): ExecutionStepResult | undefined {
    if (this.usedEventIds.length < 4 * kept_events_max) this.usedEventIds.push(e.event_id);
    this.delivered.push(e);
    if (this.delivered.length > kept_events_max) this.delivered.shift();
    return this.step({ op: 'venue_event', event: e }, (k) => k.venueEvent(e));
  }

  accountEvent(e: AccountEvent): ExecutionStepResult | undefined {
    return this.step({ op: 'account_event', event: e }, (k) => k.accountEvent(e));
  }

  markPrice(asset: string, price: number): ExecutionStepResult | undefined {
    const ts = this.ts;
    this.venue.setPrice(asset, price);
    this.prices.set(asset, price);
    return this.step({ op: 'mark_price', asset, price, ts }, (k) => k.markPrice({ asset, price, ts }));
  }

  reconcile(reconcileId: string, slots: ReconcileSlot[]): ExecutionStepResult | undefined {
    const ts = this.ts;
    return this.step({ op: 'reconcile', reconcile_id: reconcileId, ts, slots }, (k) => k.reconcile({ reconcile_id: reconcileId, ts, slots }));
  }

  calibrateFee(c: { fill_price: number; fill_size: number; order_type: 'MARKET' | 'LIMIT'; actual_fee: number }): void {
    this.step({ op: 'calibrate_fee', ...c }, (k) => k.calibrateFee(c));
  }

  snapshot(): void {
    this.step({ op: 'snapshot' }, (k) => {
      this.keepSnapshot(k.snapshot());
      return undefined;
    });
  }

  restore(snapshot: CoreSnapshot): void {
    this.step({ op: 'restore', snapshot }, (k) => {
      k.restore(snapshot);
      this.slots.splice(0, this.slots.length, ...snapshot.slots);
      return undefined;
    });
  }

  reset(): void {
    this.step({ op: 'reset' }, (k) => {
      k.reset();
      this.resetView();
      return undefined;
    });
  }

  /** The kernel's state now, without recording a step (for the strategy's own decisions). */
  peek(): CoreSnapshot | undefined {
    if (this.broken) return undefined;
    try {
      return this.kernel.snapshot();
    } catch {
      this.broken = true;
      return undefined;
    }
  }

  /**
   * Keeps a snapshot for later restore steps, unless it is not a valid CoreSnapshot (a
   * reference kernel that let NaN or Infinity into its state): a restore step must stay a
   * valid request; the broken state itself is reported by the runner's invariant checks.
   */
  keepSnapshot(s: CoreSnapshot): void {
    // Asked as the restore request it may become (whose `snapshot` is exactly a CoreSnapshot):
    // the protocol edge's validators are a seventh of every contract's, which a worker thread
    // would otherwise load and parse for this one question.
    if (!checkRequestSchema({ op: 'restore', seq: 0, snapshot: s }).ok) return;
    this.snapshots.push(s);
    if (this.snapshots.length > kept_snapshots_max) this.snapshots.shift();
  }

  /** Delivers the next due venue report, if any; true when a step was recorded. */
  deliver(): boolean {
    const e = this.venue.deliver(this.ts);
    if (e === undefined) {
      this.venue.tick();
      return false;
    }
    this.venueEvent(e);
    return true;
  }

  private step(body: RequestBody, apply: (k: ReferenceKernel) => ExecutionStepResult | undefined): ExecutionStepResult | undefined {
    const request = { ...body, seq: this.seq } as ProtocolRequest;
    this.seq += 1;
    this.steps.push({ kind: 'request', request });
    if (this.broken) return undefined;
    let result: ExecutionStepResult | undefined;
    try {
      result = apply(this.kernel);
    } catch {
      this.broken = true;
      return undefined;
    }
    if (result !== undefined) {
      for (const s of result.slots) this.slots[s.slot_id] = s;
      if (result.actions.length > 0) this.venue.submit(result.actions);
    }
    this.venue.tick();
    return result;
  }

  private resetView(): void {
    this.slots.splice(0, this.slots.length, ...Array.from({ length: this.config.slot_count }, (_, i) => emptySlot(i)));
  }
}
