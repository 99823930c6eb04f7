import { runInProcessImplementation } from '../../../src/harness/in-process-driver.js';
import { createReferenceSession } from '../../../src/harness/reference-session.js';
import { placeFixture } from '../../../src/harness/session-frame.js';
import type { Fixture, FixtureStep } from '../../../generated/ts/types.js';
import { makeFixture, request } from './temp-fixtures.js';

/** A fixture whose golden answers come from the in-process reference engine. */
export function referenceFixture(name: string, steps: FixtureStep[]): Fixture {
  const draft = makeFixture(name, steps, []);
  const loaded = { file: `${name}.json`, fixture: draft };
  const run = runInProcessImplementation('reference', createReferenceSession, [{ loaded, placement: placeFixture(draft) }]);
  const answered = run.fixtures[0]!;
  if (answered.status !== 'answered') throw new Error(`reference failed on ${name}: ${answered.message}`);
  return makeFixture(name, steps, answered.responses.slice(1).map((line) => JSON.parse(line) as unknown));
}

const enter = (seq: number, trade: string) =>
  request({
    op: 'intent',
    seq,
    intent: {
      action: 'ENTER', intent_id: `i-${trade}`, ts: 1000, slot_id: 0, trade_id: trade, asset: 'BTC-USDT',
      side: 'LONG', order_type: 'MARKET', target_size: 2, leverage: 3, exit_leg_ratios: [0.5, 0.5],
    },
  });

const venue = (seq: number, kind: string, trade: string, extra: Record<string, unknown> = {}) =>
  request({ op: 'venue_event', seq, event: { kind, event_id: `e-${seq}`, ts: 1000 + seq, slot_id: 0, trade_id: trade, order_id: `${trade}#1`, ...extra } });

/** Small lifecycle scenarios (enter, ack, fill, mark) for tests that need real answers. */
export function lifecycleSteps(trade: string): FixtureStep[] {
  return [
    enter(2, trade),
    venue(3, 'ORDER_ACK', trade),
    venue(4, 'FILL', trade, { price: 100.5, size: 2 }),
    request({ op: 'mark_price', seq: 5, asset: 'BTC-USDT', price: 101.25, ts: 1010 }),
  ];
}
