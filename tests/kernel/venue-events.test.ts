import { describe, expect, it } from 'vitest';
import { cancelIntent, config, enterIntent, ev, expectRefused, exitIntent, kernel, openPosition, slot0 } from './helpers.js';

describe('venue event checks, in order', () => {
  it('R1: a fill with a non-positive price or size is INVALID_EVENT naming the field', () => {
    const t = kernel();
    t.intent(enterIntent());
    for (const [over, field, value] of [
      [{ price: 0 }, 'price', '0'],
      [{ price: Number.NaN, size: 0 }, 'price', 'NaN'],
      [{ size: -0 }, 'size', '0'],
      [{ size: Number.POSITIVE_INFINITY }, 'size', 'Infinity'],
    ] as const) {
      const r = expectRefused(t, () => t.event(ev('PARTIAL_FILL', 'T1#1', over)), 'INVALID_EVENT');
      expect(r.outcome.details).toEqual({ field, value });
    }
  });

  it('an event for an out-of-range slot is INVALID_SLOT_ID', () => {
    const t = kernel();
    const r = expectRefused(t, () => t.event(ev('ORDER_ACK', 'T1#1', { slot_id: 9 })), 'INVALID_SLOT_ID');
    expect(r.slots).toEqual([]);
  });

  it('TRADE_ID_MISMATCH names expected and given trade ids; a slot without a trade matches nothing', () => {
    const t = kernel();
    const none = expectRefused(t, () => t.event(ev('ORDER_ACK', 'T1#1')), 'TRADE_ID_MISMATCH');
    expect(none.outcome.details).toEqual({ value: 'T1' });
    t.intent(enterIntent());
    const r = expectRefused(t, () => t.event(ev('ORDER_ACK', 'T1#1', { trade_id: 'T9' })), 'TRADE_ID_MISMATCH');
    expect(r.outcome.details).toEqual({ expected: 'T1', value: 'T9' });
  });

  it('R10: a repeated event id is DUPLICATE_EVENT (INFO) and changes nothing', () => {
    const t = kernel();
    t.intent(enterIntent());
    const fill = ev('PARTIAL_FILL', 'T1#1', { size: 0.5 });
    t.event(fill);
    const r = expectRefused(t, () => t.event(fill), 'DUPLICATE_EVENT');
    expect(r.outcome).toMatchObject({ severity: 'INFO', details: { event_id: fill.event_id } });
  });

  it('R10: an order the kernel never sent is UNKNOWN_ORDER', () => {
    const t = kernel();
    t.intent(enterIntent());
    const r = expectRefused(t, () => t.event(ev('FILL', 'T1#7')), 'UNKNOWN_ORDER');
    expect(r.outcome.details).toEqual({ order_id: 'T1#7' });
  });

  it('R9: RATE_LIMITED changes nothing, is retryable, and its id is not remembered', () => {
    const t = kernel();
    t.intent(enterIntent());
    const rl = ev('RATE_LIMITED', 'T1#1', { retry_after_ms: 250 });
    const r = expectRefused(t, () => t.event(rl), 'RATE_LIMITED');
    expect(r.outcome).toMatchObject({ severity: 'WARNING', details: { order_id: 'T1#1', retry_after_ms: 250, retryable: true } });
    expectRefused(t, () => t.event(rl), 'RATE_LIMITED');
  });

  it('checks trade id before duplicates and duplicates before unknown orders', () => {
    const t = kernel();
    t.intent(enterIntent());
    const ack = ev('ORDER_ACK', 'T1#1');
    t.event(ack);
    expect(t.event({ ...ack, trade_id: 'X' }).outcome.code).toBe('TRADE_ID_MISMATCH');
    expect(t.event({ ...ack, order_id: 'T1#9' }).outcome.code).toBe('DUPLICATE_EVENT');
  });

  it('never evicts an id of the live order: when they fill the window the event is not applied and the slot waits for reconcile', () => {
    const t = kernel(config({ seen_event_ids_max: 2 }));
    t.intent(enterIntent({ target_size: 10 }));
    const first = ev('PARTIAL_FILL', 'T1#1');
    t.event(first);
    t.event(ev('PARTIAL_FILL', 'T1#1'));
    const before = t.k.snapshot().slots[0]!;
    const third = ev('PARTIAL_FILL', 'T1#1');
    const r = t.event(third);
    expect(r.outcome).toMatchObject({ accepted: true, code: 'STALE_STATE_RECONCILING', details: { reason: 'IDEMPOTENCY_WINDOW_FULL' } });
    expect(r.outcome.transitions[0]).toMatchObject({ trigger: 'CONTRADICTION', evidence: { reason: 'IDEMPOTENCY_WINDOW_FULL', window: before.live_event_ids, window_max: 2 } });
    expect(slot0(r)).toMatchObject({ size: before.size, live_event_ids: [first.event_id, expect.any(String)] });
    // The first fill is still remembered: its replay is a duplicate, never applied twice.
    expect(t.event(first).outcome.code).toBe('DUPLICATE_EVENT');
  });

  it('evicts the oldest id of an ended order to make room', () => {
    const t = kernel(config({ seen_event_ids_max: 2 }));
    t.intent(enterIntent({ target_size: 2 }));
    const ack = ev('ORDER_ACK', 'T1#1');
    t.event(ack);
    t.event(ev('FILL', 'T1#1', { size: 2 }));
    expect(t.k.snapshot().slots[0]).toMatchObject({ seen_event_ids: [ack.event_id, expect.any(String)] });
    t.intent(exitIntent());
    const r = t.event(ev('ORDER_ACK', 'T1#2'));
    expect(slot0(r).seen_event_ids).toHaveLength(1);
    expect(slot0(r).seen_event_ids).not.toContain(ack.event_id);
    expect(slot0(r).live_event_ids).toHaveLength(1);
  });
});

describe('R3 R4 acks and fills', () => {
  it('a FILL that leaves the order short ends FILLED at what was filled, with SHORT_FILL naming both sizes', () => {
    const t = kernel();
    t.intent(enterIntent({ target_size: 2 }));
    t.event(ev('PARTIAL_FILL', 'T1#1', { size: 0.5 }));
    const r = t.event(ev('FILL', 'T1#1', { size: 1 }));
    expect(r.outcome).toMatchObject({ accepted: true, code: 'SHORT_FILL', severity: 'WARNING', details: { intended_size: 2, filled_size: 1.5 } });
    expect(slot0(r)).toMatchObject({ stage: 'POSITION_OPEN', size: 1.5, initial_size: 1.5, entry_order: { status: 'FILLED', filled_size: 1.5 } });
  });

  it('a late ORDER_ACK (after a fill, a cancel request or a terminal status) is benign: no transition, venue id stored if missing, id remembered', () => {
    for (const setup of [
      (t: ReturnType<typeof kernel>) => t.event(ev('PARTIAL_FILL', 'T1#1', { size: 0.5 })),
      (t: ReturnType<typeof kernel>) => (t.event(ev('PARTIAL_FILL', 'T1#1', { size: 0.5 })), t.intent(cancelIntent())),
      (t: ReturnType<typeof kernel>) => t.event(ev('FILL', 'T1#1', { size: 2 })),
      (t: ReturnType<typeof kernel>) => (t.intent(cancelIntent()), t.event(ev('CANCEL_ACK', 'T1#1'))),
    ]) {
      const t = kernel();
      t.intent(enterIntent({ target_size: 2 }));
      setup(t);
      const before = t.k.snapshot().slots[0]!;
      const ack = ev('ORDER_ACK', 'T1#1', { venue_order_id: 'V9' });
      const r = t.event(ack);
      expect(r.outcome).toMatchObject({ accepted: true, code: 'LATE_ACK', severity: 'INFO', transitions: [], details: { order_id: 'T1#1', order_status: before.entry_order!.status } });
      expect(slot0(r)).toMatchObject({ stage: before.stage, entry_order: { status: before.entry_order!.status, venue_order_id: 'V9' } });
      expect(t.event(ack).outcome.code).toBe('DUPLICATE_EVENT');
    }
  });

  it('ORDER_ACK: order NEW -> ACKED then slot ORDER_REQUESTED -> ENTRY_WORKING, venue id stored', () => {
    const t = kernel();
    t.intent(enterIntent());
    const r = t.event(ev('ORDER_ACK', 'T1#1', { venue_order_id: 'V-1' }));
    expect(r.outcome.transitions.map((x) => [x.machine, x.trigger, 'from' in x ? x.from : '', 'to' in x ? x.to : ''])).toEqual([
      ['ORDER', 'ORDER_ACK', 'NEW', 'ACKED'],
      ['SLOT', 'ORDER_ACK', 'ORDER_REQUESTED', 'ENTRY_WORKING'],
    ]);
    expect(slot0(r).entry_order?.venue_order_id).toBe('V-1');
    expect(slot0(r).last_event_ts).toBeDefined();
  });

  it('a fill on a NEW order records the implicit ack first (order, slot), then the fill', () => {
    const t = kernel();
    t.intent(enterIntent());
    const r = t.event(ev('PARTIAL_FILL', 'T1#1', { price: 100, size: 0.5 }));
    expect(r.outcome.transitions.map((x) => `${x.machine}:${x.trigger}`)).toEqual(['ORDER:IMPLICIT_ACK', 'SLOT:IMPLICIT_ACK', 'ORDER:PARTIAL_FILL']);
    expect(r.outcome.transitions[2]).toMatchObject({ from: 'ACKED', to: 'PARTIALLY_FILLED', fill_price: 100, fill_size: 0.5, filled_size: 0.5 });
    expect(slot0(r)).toMatchObject({ stage: 'ENTRY_WORKING', size: 0.5, entry_price: 100 });
  });

  it('average price is (avg * filled + price * size) / (filled + size), in that order', () => {
    const t = kernel();
    t.intent(enterIntent({ target_size: 1 }));
    t.event(ev('PARTIAL_FILL', 'T1#1', { price: 0.1, size: 0.1 }));
    t.event(ev('PARTIAL_FILL', 'T1#1', { price: 0.2, size: 0.2 }));
    const r = t.event(ev('PARTIAL_FILL', 'T1#1', { price: 0.3, size: 0.3 }));
    let avg = (0 * 0 + 0.1 * 0.1) / (0 + 0.1);
    avg = (avg * 0.1 + 0.2 * 0.2) / (0.1 + 0.2);
    const filled = 0.1 + 0.2;
    avg = (avg * filled + 0.3 * 0.3) / (filled + 0.3);
    expect(slot0(r).entry_order?.avg_fill_price).toBe(avg);
    expect(slot0(r).entry_price).toBe(avg);
  });

  it('an entry filled in full opens the position with initial_size = filled; fee at the taker rate', () => {
    const t = kernel();
    t.intent(enterIntent());
    t.event(ev('PARTIAL_FILL', 'T1#1', { price: 100, size: 1 }));
    const r = t.event(ev('PARTIAL_FILL', 'T1#1', { price: 102, size: 1 }));
    expect(r.outcome.transitions.map((x) => `${x.machine}:${'from' in x ? x.from : ''}->${'to' in x ? x.to : ''}`)).toEqual([
      'ORDER:PARTIALLY_FILLED->FILLED',
      'SLOT:ENTRY_WORKING->POSITION_OPEN',
    ]);
    const s = slot0(r);
    expect(s).toMatchObject({ stage: 'POSITION_OPEN', size: 2, initial_size: 2, entry_price: 101 });
    expect(s.fees_paid).toBe(100 * 1 * 0.001 + 102 * 1 * 0.001);
    expect(t.k.snapshot().account.k_fees_paid).toBe(s.fees_paid);
  });

  it('a FILL smaller than the remainder completes the order (the venue says it is done)', () => {
    const t = kernel();
    t.intent(enterIntent({ target_size: 5 }));
    const r = t.event(ev('FILL', 'T1#1', { size: 3 }));
    expect(slot0(r)).toMatchObject({ stage: 'POSITION_OPEN', size: 3, initial_size: 3 });
    expect(slot0(r).entry_order).toMatchObject({ status: 'FILLED', filled_size: 3, intended_size: 5 });
  });

  it('a fill larger than the order is clamped: OVERFILL_CLAMPED (WARNING, accepted)', () => {
    const t = kernel();
    t.intent(enterIntent({ target_size: 2 }));
    t.event(ev('PARTIAL_FILL', 'T1#1', { size: 1.5 }));
    const r = t.event(ev('PARTIAL_FILL', 'T1#1', { size: 4 }));
    expect(r.outcome).toMatchObject({ accepted: true, code: 'OVERFILL_CLAMPED', severity: 'WARNING', details: { requested_size: 4, clamped_size: 0.5 } });
    expect(slot0(r).entry_order).toMatchObject({ filled_size: 2, status: 'FILLED' });
  });

  it('LIMIT fills pay the maker rate', () => {
    const t = kernel();
    t.intent(enterIntent({ order_type: 'LIMIT', limit_price: 100 }));
    const r = t.event(ev('FILL', 'T1#1', { price: 100, size: 2 }));
    expect(slot0(r).fees_paid).toBe(100 * 2 * 0.0002);
  });
});

describe('R7 CANCEL and its outcomes', () => {
  it('cancels the live entry order (never silently ignored)', () => {
    const t = kernel();
    t.intent(enterIntent());
    const r = t.intent(cancelIntent());
    expect(r.outcome.transitions).toEqual([
      { machine: 'ORDER', slot_id: 0, cause_id: 'i-cancel', trigger: 'CANCEL', ts: 2, mode: 'backtest', trade_id: 'T1', order_id: 'T1#1', role: 'ENTRY', from: 'NEW', to: 'CANCEL_PENDING', filled_size: 0 },
    ]);
    expect(r.actions).toEqual([{ type: 'CANCEL_ORDER', slot_id: 0, trade_id: 'T1', order_id: 'T1#1' }]);
    expect(slot0(r).entry_order).toMatchObject({ status: 'CANCEL_PENDING', status_before_cancel: 'NEW' });
    expect(slot0(r).stage).toBe('ORDER_REQUESTED');
  });

  it('NO_ACTIVE_ORDER without a live order; ILLEGAL_TRANSITION when a cancel is already pending', () => {
    const t = kernel();
    openPosition(t);
    const none = expectRefused(t, () => t.intent(cancelIntent()), 'NO_ACTIVE_ORDER');
    expect(none.outcome.details).toEqual({ stage: 'POSITION_OPEN' });
    t.intent(exitIntent());
    t.intent(cancelIntent());
    const again = expectRefused(t, () => t.intent(cancelIntent()), 'ILLEGAL_TRANSITION');
    expect(again.outcome.details).toEqual({ order_status: 'CANCEL_PENDING' });
  });

  it('CANCEL with another trade id is TRADE_ID_MISMATCH', () => {
    const t = kernel();
    t.intent(enterIntent());
    expectRefused(t, () => t.intent(cancelIntent({ trade_id: 'T2' })), 'TRADE_ID_MISMATCH');
  });

  it('CANCEL_ACK of an entry with nothing filled frees the slot', () => {
    const t = kernel();
    t.intent(enterIntent());
    t.intent(cancelIntent());
    const r = t.event(ev('CANCEL_ACK', 'T1#1'));
    expect(slot0(r).stage).toBe('IDLE');
    expect(slot0(r).entry_order).toMatchObject({ status: 'CANCELED' });
    expect(slot0(r).entry_order?.status_before_cancel).toBeUndefined();
  });

  it('CANCEL_ACK of a partly filled entry opens the position with the filled size', () => {
    const t = kernel();
    t.intent(enterIntent());
    t.event(ev('PARTIAL_FILL', 'T1#1', { size: 0.5 }));
    t.intent(cancelIntent());
    const r = t.event(ev('CANCEL_ACK', 'T1#1'));
    expect(slot0(r)).toMatchObject({ stage: 'POSITION_OPEN', size: 0.5, initial_size: 0.5 });
  });

  it('ORDER_EXPIRED ends an order without a cancel; an exit expiry returns to POSITION_OPEN', () => {
    const t = kernel();
    openPosition(t);
    t.intent(exitIntent());
    t.event(ev('ORDER_ACK', 'T1#2'));
    const r = t.event(ev('ORDER_EXPIRED', 'T1#2'));
    expect(slot0(r)).toMatchObject({ stage: 'POSITION_OPEN', active_leg_index: 0 });
    expect(slot0(r).exit_order?.status).toBe('EXPIRED');
  });

  it('CANCEL_REJECTED restores the status before the cancel (accepted, WARNING)', () => {
    const t = kernel();
    t.intent(enterIntent());
    t.event(ev('PARTIAL_FILL', 'T1#1', { size: 0.5 }));
    t.intent(cancelIntent());
    const r = t.event(ev('CANCEL_REJECTED', 'T1#1', { reason: 'too late' }));
    expect(r.outcome).toMatchObject({ accepted: true, code: 'CANCEL_REJECTED', severity: 'WARNING', details: { order_id: 'T1#1', reason: 'too late' } });
    expect(slot0(r).entry_order).toMatchObject({ status: 'PARTIALLY_FILLED' });
  });

  it('an ack overtaken by the cancel keeps CANCEL_PENDING and remembers ACKED; the slot moves', () => {
    const t = kernel();
    t.intent(enterIntent());
    t.intent(cancelIntent());
    const r = t.event(ev('ORDER_ACK', 'T1#1'));
    expect(r.outcome.transitions.map((x) => `${x.machine}:${'from' in x ? x.from : ''}->${'to' in x ? x.to : ''}`)).toEqual([
      'ORDER:CANCEL_PENDING->CANCEL_PENDING',
      'SLOT:ORDER_REQUESTED->ENTRY_WORKING',
    ]);
    expect(slot0(r).entry_order).toMatchObject({ status: 'CANCEL_PENDING', status_before_cancel: 'ACKED' });
  });

  it('a fill racing the cancel is applied; pending stays with PARTIALLY_FILLED remembered', () => {
    const t = kernel();
    t.intent(enterIntent());
    t.intent(cancelIntent());
    const r = t.event(ev('PARTIAL_FILL', 'T1#1', { size: 0.5 }));
    expect(r.outcome.transitions.map((x) => `${x.machine}:${x.trigger}`)).toEqual(['SLOT:IMPLICIT_ACK', 'ORDER:PARTIAL_FILL']);
    expect(slot0(r).entry_order).toMatchObject({ status: 'CANCEL_PENDING', status_before_cancel: 'PARTIALLY_FILLED', filled_size: 0.5 });
    const done = t.event(ev('FILL', 'T1#1', { size: 1.5 }));
    expect(slot0(done)).toMatchObject({ stage: 'POSITION_OPEN', size: 2 });
    expect(slot0(done).entry_order?.status_before_cancel).toBeUndefined();
  });
});

describe('R8 rejections', () => {
  it('ORDER_REJECTED of an entry frees the slot (ORDER_REJECTED, accepted)', () => {
    const t = kernel();
    t.intent(enterIntent());
    const r = t.event(ev('ORDER_REJECTED', 'T1#1', { reason: 'margin' }));
    expect(r.outcome).toMatchObject({ accepted: true, code: 'ORDER_REJECTED', severity: 'WARNING', details: { order_id: 'T1#1', reason: 'margin' } });
    expect(slot0(r).stage).toBe('IDLE');
  });

  it('ORDER_REJECTED of an exit returns to POSITION_OPEN (EXIT_ORDER_REJECTED)', () => {
    const t = kernel();
    openPosition(t);
    t.intent(exitIntent());
    const r = t.event(ev('ORDER_REJECTED', 'T1#2'));
    expect(r.outcome).toMatchObject({ code: 'EXIT_ORDER_REJECTED', details: { order_id: 'T1#2' } });
    expect(slot0(r).stage).toBe('POSITION_OPEN');
  });

  it('ORDER_REJECTED of a cancel-pending order that was NEW is a rejection', () => {
    const t = kernel();
    t.intent(enterIntent());
    t.intent(cancelIntent());
    const r = t.event(ev('ORDER_REJECTED', 'T1#1'));
    expect(r.outcome.transitions[0]).toMatchObject({ from: 'CANCEL_PENDING', to: 'REJECTED' });
  });
});

describe('R11 contradictions', () => {
  it('a fill on a CANCELED order puts the slot into STALE_STATE_RECONCILING with evidence', () => {
    const t = kernel();
    t.intent(enterIntent());
    t.intent(cancelIntent());
    t.event(ev('CANCEL_ACK', 'T1#1'));
    const late = ev('FILL', 'T1#1', { price: 101, size: 2 });
    const r = t.event(late);
    expect(r.outcome).toMatchObject({ accepted: true, code: 'STALE_STATE_RECONCILING', severity: 'ERROR', details: {} });
    expect(r.outcome.transitions).toEqual([
      {
        machine: 'SLOT', slot_id: 0, cause_id: late.event_id, trigger: 'CONTRADICTION', ts: late.ts, mode: 'backtest', trade_id: 'T1',
        from: 'IDLE', to: 'STALE_STATE_RECONCILING',
        evidence: { event_id: late.event_id, event_kind: 'FILL', order_id: 'T1#1', order_status: 'CANCELED', slot_stage: 'IDLE', price: 101, size: 2 },
      },
    ]);
    const s = slot0(r);
    expect(s.seen_event_ids).toContain(late.event_id);
    expect(s.entry_order?.filled_size).toBe(0);
  });

  it('a fill after CLOSED is a contradiction; while stale intents and events are refused', () => {
    const t = kernel();
    openPosition(t, { exit_leg_ratios: [1] });
    t.intent(exitIntent());
    t.event(ev('FILL', 'T1#2', { size: 2 }));
    const r = t.event(ev('FILL', 'T1#2', { size: 1 }));
    expect(r.outcome.transitions[0]).toMatchObject({ from: 'CLOSED', to: 'STALE_STATE_RECONCILING' });
    for (const step of [
      () => t.intent(enterIntent({ trade_id: 'T2' })),
      () => t.intent(exitIntent()),
      () => t.intent(cancelIntent()),
      () => t.event(ev('ORDER_ACK', 'T1#2')),
    ]) {
      const refused = expectRefused(t, step, 'STALE_STATE_RECONCILING');
      expect(refused.outcome).toMatchObject({ severity: 'ERROR', details: { stage: 'STALE_STATE_RECONCILING' } });
    }
  });

  it('a second ack is a late ack (benign); CANCEL_ACK without a pending cancel is a contradiction', () => {
    const t = kernel();
    t.intent(enterIntent());
    t.event(ev('ORDER_ACK', 'T1#1'));
    expect(t.event(ev('ORDER_ACK', 'T1#1')).outcome).toMatchObject({ code: 'LATE_ACK', accepted: true, severity: 'INFO', transitions: [] });
    const u = kernel();
    u.intent(enterIntent());
    expect(u.event(ev('CANCEL_ACK', 'T1#1')).outcome.transitions[0]).toMatchObject({ from: 'ORDER_REQUESTED', trigger: 'CONTRADICTION' });
  });
});
