// The response-level invariants hold for any implementation behind the protocol; each planted
// fault (the old idempotency eviction, a silent short fill, a late ack that moves the slot,
// disordered account gaps) is found.
import { describe, expect, it } from 'vitest';
import { createReferenceSession } from '../../src/harness/reference-session.js';
import { helloLine } from '../../src/harness/session-frame.js';
import { ResponseInvariantChecker } from '../../src/fuzz/response-invariants.js';

const configLine = (seenMax: number) =>
  JSON.stringify({ op: 'configure', seq: 1, config: { slot_count: 1, seed_capital: 1000, seen_event_ids_max: seenMax, reconcile_tolerance: 0.01, exchange: { taker_rate: 0.0005, maker_rate: 0.0002, fee_calibration_alpha: 0.2 }, control: { mode: 'backtest', verbosity: 'NORMAL' } } });
const enter = (seq: number) => ({ op: 'intent', seq, intent: { action: 'ENTER', intent_id: `i${seq}`, ts: seq, slot_id: 0, trade_id: 'T', asset: 'A', side: 'LONG', order_type: 'MARKET', target_size: 10, leverage: 1, exit_leg_ratios: [1] } });
const event = (seq: number, kind: string, id: string, extra: Record<string, unknown> = {}) => ({ op: 'venue_event', seq, event: { kind, event_id: id, ts: seq, slot_id: 0, trade_id: 'T', order_id: 'T#1', ...extra } });

/** The reference's responses to the requests (after hello and configure). */
function responses(requests: readonly object[], seenMax = 8): Record<string, unknown>[] {
  const session = createReferenceSession();
  session.answer(Buffer.from(helloLine()));
  session.answer(Buffer.from(configLine(seenMax)));
  return requests.map((r) => JSON.parse(session.answer(Buffer.from(JSON.stringify(r)))[0]!) as Record<string, unknown>);
}

function check(rs: readonly Record<string, unknown>[], plant: (rs: Record<string, unknown>[]) => void = () => {}): string[] {
  const copy = structuredClone(rs) as Record<string, unknown>[];
  plant(copy);
  const checker = new ResponseInvariantChecker();
  copy.forEach((r, i) => checker.check(i, r));
  return checker.violations.map((v) => v.invariant);
}

type R = { result: { outcome: { code: string; transitions: Array<Record<string, unknown>> }; slots: Array<Record<string, unknown>>; account?: Record<string, unknown> } };

describe('response invariants of the tightened rules', () => {
  it('an event applied twice (what the old oldest-first eviction allowed) is found', () => {
    const rs = responses([enter(2), event(3, 'PARTIAL_FILL', 'p1', { price: 100, size: 1 }), event(4, 'PARTIAL_FILL', 'p2', { price: 100, size: 1 })]);
    expect(check(rs)).toEqual([]);
    // The second fill's answer as if p1 had been evicted and applied again.
    expect(check(rs, (c) => { for (const t of (c[2] as unknown as R).result.outcome.transitions) t.cause_id = 'p1'; })).toContain('event-applied-once');
  });

  it('a silent short FILL and a late ack that moves the slot are found', () => {
    const rs = responses([enter(2), event(3, 'FILL', 'f1', { price: 100, size: 4 }), event(4, 'ORDER_ACK', 'a1')]);
    expect((rs[1] as unknown as R).result.outcome.code).toBe('SHORT_FILL');
    expect((rs[2] as unknown as R).result.outcome.code).toBe('LATE_ACK');
    expect(check(rs)).toEqual([]);
    expect(check(rs, (c) => { (c[1] as unknown as R).result.outcome.code = 'OK'; })).toContain('short-fill-says-so');
    expect(check(rs, (c) => { (c[2] as unknown as R).result.outcome.transitions.push({ machine: 'SLOT', from: 'POSITION_OPEN', to: 'POSITION_OPEN', trigger: 'ORDER_ACK', slot_id: 0 }); })).toContain('late-ack-changes-nothing');
  });

  it('account gaps out of order, or above event_seq, are found', () => {
    const rs = responses([{ op: 'account_event', seq: 2, event: { kind: 'FUNDING_FEE', seq: 4, ts: 1, asset: 'A', amount: 1 } }]);
    expect((rs[0] as unknown as R).result.account?.seq_gaps).toEqual([{ from: 1, to: 3 }]);
    expect(check(rs)).toEqual([]);
    expect(check(rs, (c) => { (c[0] as unknown as R).result.account!.seq_gaps = [{ from: 1, to: 4 }]; })).toContain('account-gaps-ordered');
  });
});
