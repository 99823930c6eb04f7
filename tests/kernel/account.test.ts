import { describe, expect, it } from 'vitest';
import type { AccountEvent } from '../../generated/ts/types.js';
import { accountUpdate, config, ev, expectRefused, exitIntent, kernel, openPosition } from './helpers.js';

describe('R14 the K/E account', () => {
  it('starts UNKNOWN with k_capital = seed', () => {
    const t = kernel();
    const a = t.k.snapshot().account;
    expect(a).toMatchObject({ k_capital: 10_000, reconcile_status: 'UNKNOWN', reconcile_delta: 0, reconcile_explanation: 'no exchange account update yet' });
  });

  it('ACCOUNT_UPDATE makes the status known: OK within tolerance, MISMATCH otherwise, explained', () => {
    const t = kernel();
    let r = t.account(accountUpdate(1, 10_000.005));
    expect(r.account).toMatchObject({ reconcile_status: 'OK', reconcile_explanation: 'K and E agree within 0.01', e_wallet_balance: 10_000.005 });
    expect(r.slots).toEqual([]);
    r = t.account(accountUpdate(2, 9_000));
    expect(r.account).toMatchObject({ reconcile_status: 'MISMATCH', reconcile_delta: 1000, reconcile_explanation: 'K exceeds E by 1000' });
    r = t.account(accountUpdate(3, 10_500));
    expect(r.account).toMatchObject({ reconcile_status: 'MISMATCH', reconcile_delta: -500, reconcile_explanation: 'E exceeds K by 500' });
  });

  it('FUNDING_FEE moves both ledgers; FILL_SETTLED moves E only; capital = seed + pnl - fees - funding', () => {
    const t = kernel();
    t.account({ kind: 'FUNDING_FEE', seq: 1, ts: 1, asset: 'BTC-USDT', amount: 2.5 });
    const r = t.account({ kind: 'FILL_SETTLED', seq: 2, ts: 2, order_id: 'T1#1', fee: 0.2, realized_pnl: 3 });
    expect(r.account).toMatchObject({ k_funding_paid: 2.5, e_funding_paid: 2.5, e_fees_paid: 0.2, e_realized_pnl: 3, k_capital: 10_000 - 2.5, event_seq: 2 });
  });

  it('account events apply once (DUPLICATE_EVENT names seq and expected); skipped seqs are remembered as gaps', () => {
    const t = kernel();
    let r = t.account(accountUpdate(5, 1));
    expect(r.account?.seq_gaps).toEqual([{ from: 1, to: 4 }]);
    expect(r.account?.reconcile_explanation).toBe('K exceeds E by 9999; account events missing: seq 1-4');
    const dup = expectRefused(t, () => t.account(accountUpdate(5, 2)), 'DUPLICATE_EVENT');
    expect(dup.outcome.details).toEqual({ value: '5', expected: '6' });
    // A late event filling a gap is applied; an older update closes its gap without replacing newer figures.
    r = t.account(accountUpdate(3, 2));
    expect(r.outcome.code).toBe('OK');
    expect(r.account).toMatchObject({ e_wallet_balance: 1, event_seq: 5, e_update_seq: 5, seq_gaps: [{ from: 1, to: 2 }, { from: 4, to: 4 }] });
    expectRefused(t, () => t.account(accountUpdate(3, 2)), 'DUPLICATE_EVENT');
    const fee = t.account({ kind: 'FILL_SETTLED', seq: 4, ts: 1, trade_id: 'T', order_id: 'T#1', fee: 0.5, realized_pnl: 0 } as AccountEvent);
    expect(fee.account).toMatchObject({ e_fees_paid: 0.5, event_seq: 5, seq_gaps: [{ from: 1, to: 2 }] });
    t.account(accountUpdate(1, 3));
    r = t.account(accountUpdate(2, 4));
    expect(r.account?.seq_gaps).toBeUndefined();
    expect(r.account?.reconcile_explanation).toBe('K exceeds E by 9999');
  });

  it('refuses an event that would open one gap too many (ACCOUNT_SEQ_GAPS_FULL), never forgetting a gap', () => {
    const t = kernel();
    for (let i = 1; i <= 64; i += 1) t.account(accountUpdate(2 * i, 1));
    expect(t.k.snapshot().account.seq_gaps).toHaveLength(64);
    const r = expectRefused(t, () => t.account(accountUpdate(130, 1)), 'INVALID_EVENT');
    expect(r.outcome.details).toEqual({ field: 'seq', value: '130', reason: 'ACCOUNT_SEQ_GAPS_FULL' });
    expect(t.account(accountUpdate(129, 1)).outcome.code).toBe('OK');
    expect(t.account(accountUpdate(1, 1)).account?.seq_gaps).toHaveLength(63);
  });

  it('refuses non-finite account numbers with INVALID_EVENT naming the field', () => {
    const t = kernel();
    const e: AccountEvent = { kind: 'ACCOUNT_UPDATE', seq: 1, ts: 1, wallet_balance: 1, available_margin: Number.NaN, used_margin: 0, maint_margin: 0 };
    expect(expectRefused(t, () => t.account(e), 'INVALID_EVENT').outcome.details).toEqual({ field: 'available_margin', value: 'NaN' });
    const f: AccountEvent = { kind: 'FUNDING_FEE', seq: 1, ts: 1, asset: 'A', amount: Number.NEGATIVE_INFINITY };
    expect(expectRefused(t, () => t.account(f), 'INVALID_EVENT').outcome.details).toEqual({ field: 'amount', value: '-Infinity' });
  });

  it('fills move K and the reconcile status with it', () => {
    const t = kernel();
    t.account(accountUpdate(1, 10_000));
    openPosition(t, { exit_leg_ratios: [1] });
    t.intent(exitIntent());
    t.event(ev('FILL', 'T1#2', { price: 150, size: 2 }));
    const a = t.k.snapshot().account;
    expect(a.k_realized_pnl).toBe(100);
    expect(a.k_capital).toBe(10_000 + 100 - a.k_fees_paid - 0);
    expect(a.reconcile_status).toBe('MISMATCH');
  });

  it('DEBUG verbosity carries the account on every step', () => {
    const t = kernel(config({ control: { mode: 'paper', verbosity: 'DEBUG' } }));
    const r = t.k.markPrice({ asset: 'X', price: 1, ts: 1 });
    expect(r.account?.seed_capital).toBe(10_000);
  });
});
