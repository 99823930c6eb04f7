// Every diagnostic code of the vocabulary, produced by a scenario of its own with the
// severity and acceptance of docs/kernel-semantics.md. A code added to the schema without a
// scenario here fails the test.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { DiagnosticCode, ExecutionStepResult } from '../../generated/ts/types.js';
import { accountUpdate, cancelIntent, config, enterIntent, ev, exitIntent, kernel, openPosition, valid, type TestKernel } from './helpers.js';

const vocabulary = JSON.parse(readFileSync(new URL('../../schemas/vocabulary.schema.json', import.meta.url), 'utf8')) as {
  $defs: { DiagnosticCode: { enum: DiagnosticCode[] } };
};

type Scenario = { accepted: boolean; severity: string; run: (t: TestKernel) => ExecutionStepResult; mode?: 'live' };

const SCENARIOS: Record<DiagnosticCode, Scenario> = {
  OK: { accepted: true, severity: 'INFO', run: (t) => t.intent(enterIntent()) },
  INVALID_INTENT: { accepted: false, severity: 'WARNING', run: (t) => t.intent(enterIntent({ leverage: -1 })) },
  INVALID_EVENT: { accepted: false, severity: 'WARNING', run: (t) => t.event(ev('FILL', 'T1#1', { price: 0 })) },
  INVALID_REQUEST: { accepted: false, severity: 'WARNING', run: (t) => valid(t.k.markPrice({ asset: 'A', price: Number.NaN, ts: 1 })) },
  INVALID_SLOT_ID: { accepted: false, severity: 'WARNING', run: (t) => t.intent(cancelIntent({ slot_id: 99 })) },
  SLOT_BUSY: { accepted: false, severity: 'WARNING', run: (t) => (t.intent(enterIntent()), t.intent(enterIntent())) },
  ILLEGAL_TRANSITION: { accepted: false, severity: 'WARNING', run: (t) => t.intent(exitIntent()) },
  NO_ACTIVE_ORDER: { accepted: false, severity: 'WARNING', run: (t) => (openPosition(t), t.intent(cancelIntent())) },
  DUPLICATE_EVENT: { accepted: false, severity: 'INFO', run: (t) => { t.intent(enterIntent()); const e = ev('ORDER_ACK', 'T1#1'); t.event(e); return t.event(e); } },
  UNKNOWN_ORDER: { accepted: false, severity: 'WARNING', run: (t) => (t.intent(enterIntent()), t.event(ev('ORDER_ACK', 'T1#5'))) },
  TRADE_ID_MISMATCH: { accepted: false, severity: 'WARNING', run: (t) => (t.intent(enterIntent()), t.intent(cancelIntent({ trade_id: 'T0' }))) },
  OVERFILL_CLAMPED: { accepted: true, severity: 'WARNING', run: (t) => (t.intent(enterIntent()), t.event(ev('FILL', 'T1#1', { size: 3 }))) },
  EXIT_SIZE_CLAMPED: {
    accepted: true, severity: 'WARNING',
    run: (t) => {
      t.intent(enterIntent({ exit_leg_ratios: [0.9, 0.1] }));
      t.event(ev('FILL', 'T1#1', { size: 2 }));
      t.intent(exitIntent());
      t.event(ev('PARTIAL_FILL', 'T1#2', { size: 1 }));
      t.intent(cancelIntent());
      t.event(ev('CANCEL_ACK', 'T1#2'));
      return t.intent(exitIntent({ intent_id: 'again' }));
    },
  },
  ORDER_REJECTED: { accepted: true, severity: 'WARNING', run: (t) => (t.intent(enterIntent()), t.event(ev('ORDER_REJECTED', 'T1#1'))) },
  EXIT_ORDER_REJECTED: { accepted: true, severity: 'WARNING', run: (t) => (openPosition(t), t.intent(exitIntent()), t.event(ev('ORDER_REJECTED', 'T1#2'))) },
  CANCEL_REJECTED: { accepted: true, severity: 'WARNING', run: (t) => (t.intent(enterIntent()), t.intent(cancelIntent()), t.event(ev('CANCEL_REJECTED', 'T1#1'))) },
  RATE_LIMITED: { accepted: false, severity: 'WARNING', run: (t) => (t.intent(enterIntent()), t.event(ev('RATE_LIMITED', 'T1#1'))) },
  STALE_STATE_RECONCILING: { accepted: true, severity: 'ERROR', run: (t) => (t.intent(enterIntent()), t.event(ev('CANCEL_ACK', 'T1#1'))) },
  RECONCILED: { accepted: true, severity: 'INFO', run: (t) => valid(t.k.reconcile({ reconcile_id: 'R', ts: 1, slots: [{ slot_id: 0, trade_id: 'T', asset: 'A' }] })) },
  SHORT_FILL: { accepted: true, severity: 'WARNING', run: (t) => (t.intent(enterIntent()), t.event(ev('FILL', 'T1#1', { size: 1.5 }))) },
  LATE_ACK: { accepted: true, severity: 'INFO', run: (t) => (t.intent(enterIntent()), t.event(ev('PARTIAL_FILL', 'T1#1', { size: 1 })), t.event(ev('ORDER_ACK', 'T1#1'))) },
  MODE_FORBIDDEN: { accepted: false, severity: 'ERROR', mode: 'live', run: (t) => (t.account(accountUpdate(1, 0)), t.intent(enterIntent())) },
};

describe('every diagnostic code', () => {
  it('has a scenario (the vocabulary and this table agree)', () => {
    expect(Object.keys(SCENARIOS).sort()).toEqual([...vocabulary.$defs.DiagnosticCode.enum].sort());
  });

  for (const [code, s] of Object.entries(SCENARIOS)) {
    it(`${code}: accepted ${s.accepted}, ${s.severity}`, () => {
      const t = kernel(config({}, s.mode ?? 'backtest'));
      const r = s.run(t);
      expect(r.outcome).toMatchObject({ code, accepted: s.accepted, severity: s.severity });
    });
  }
});
