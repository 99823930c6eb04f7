import { describe, expect, it } from 'vitest';
import { canonicalize } from '../../src/canonical/index.js';
import { createKernel } from '../../src/kernel/index.js';
import { answerLine, responseJson, Session, stepResultJson } from '../../src/protocol/index.js';
import { takeSteps } from '../../scripts/bench/kernel-workload.js';
import { config } from '../kernel/helpers.js';

describe('the typed canonical writer of step results', () => {
  it('writes exactly what canonicalize writes, on a long mixed workload in both verbosities', () => {
    for (const verbosity of ['NORMAL', 'DEBUG'] as const) {
      const k = createKernel(config({ slot_count: 8, control: { mode: 'paper', verbosity } }));
      for (const s of takeSteps(8, 3000)) {
        const r = s.op === 'intent' ? k.intent(s.intent) : s.op === 'venue_event' ? k.venueEvent(s.event) : k.markPrice(s);
        expect(stepResultJson(r)).toBe(canonicalize(r));
      }
      const fee = k.calibrateFee({ fill_price: 3, fill_size: 7, order_type: 'MARKET', actual_fee: 0.03 });
      expect(stepResultJson(fee)).toBe(canonicalize(fee));
    }
  });

  it('refuses what it cannot vouch for; the response then falls back to canonicalize and its error', () => {
    const k = createKernel(config());
    const r = k.markPrice({ asset: 'X', price: 1, ts: 1 });
    const bad = { ...r, step: Number.NaN };
    expect(() => stepResultJson(bad)).toThrow(/non-finite/);
    expect(() => responseJson({ op: 'mark_price', seq: 1, result: bad })).toThrow(/NaN|not a finite/i);
    expect(() => stepResultJson({ ...r, step: 2 ** 60 })).toThrow(/unsafe integer/);
  });

  it('an exception inside the kernel becomes an INTERNAL_ERROR line and the session goes on', () => {
    const session = new Session({ name: 't', version: '0', language: 'ts' }, { debugInvariants: true });
    answerLine(session, JSON.stringify({ op: 'hello', seq: 1, protocol_version: '1.0' }), 1);
    answerLine(session, JSON.stringify({ op: 'configure', seq: 2, config: config() }), 2);
    const snap = JSON.parse(answerLine(session, JSON.stringify({ op: 'snapshot', seq: 3 }), 3)).snapshot;
    snap.account.k_capital += 1; // schema-valid and restorable, but capital no longer adds up: an invariant breaks
    answerLine(session, JSON.stringify({ op: 'restore', seq: 4, snapshot: snap }), 4);
    const line = JSON.parse(answerLine(session, JSON.stringify({ op: 'mark_price', seq: 5, asset: 'A', price: 1, ts: 1 }), 5));
    expect(line).toMatchObject({ op: 'error', seq: 5, error: { code: 'INTERNAL_ERROR', category: 'internal', path: '', line: 5 } });
    expect(line.error.message).toMatch(/capital-identity/);
    expect(JSON.parse(answerLine(session, JSON.stringify({ op: 'bye', seq: 6 }), 6))).toMatchObject({ op: 'bye' });
  });
});
