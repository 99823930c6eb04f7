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

  it('account events apply once, in increasing seq (DUPLICATE_EVENT names seq and expected)', () => {
    const t = kernel();
    t.account(accountUpdate(5, 1));
    for (const seq of [5, 4]) {
      const r = expectRefused(t, () => t.account(accountUpdate(seq, 2)), 'DUPLICATE_EVENT');
      expect(r.outcome.details).toEqual({ value: String(seq), expected: '6' });
      expect(r.account?.e_wallet_balance).toBe(1);
    }
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
