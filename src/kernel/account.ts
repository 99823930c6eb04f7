// R14 the K/E account: the kernel's own ledger (K) beside the exchange's reported facts (E).
import type { AccountEvent, AccountState, KernelConfig } from './types.js';
import { numberText } from './numbers.js';
import { refusal, type Refusal } from './outcome.js';
import { ACCOUNT_SEQ_GAPS_MAX, closeGap, gapsText, inGap, openGap, opensGap } from './account-gaps.js';

export function initialAccount(config: KernelConfig): AccountState {
  return withLedger(
    {
      seed_capital: config.seed_capital,
      k_realized_pnl: 0,
      k_fees_paid: 0,
      k_funding_paid: 0,
      k_capital: 0,
      e_wallet_balance: 0,
      e_available_margin: 0,
      e_used_margin: 0,
      e_maint_margin: 0,
      e_fees_paid: 0,
      e_realized_pnl: 0,
      e_funding_paid: 0,
      event_seq: 0,
      reconcile_status: 'UNKNOWN',
      reconcile_delta: 0,
      reconcile_explanation: '',
      fee_samples: 0,
      fee_ratio_ema: 0,
    },
    config.reconcile_tolerance,
    false,
  );
}

/**
 * Recompute k_capital (left to right) and the reconcile status of an account. Mutates and
 * returns `a`, which must be a fresh copy owned by the caller. `known` is whether an
 * ACCOUNT_UPDATE has ever been applied.
 */
export function withLedger(a: AccountState, tolerance: number, known: boolean): AccountState {
  compareLedgers(a, tolerance, known);
  // While account events are missing the status says so and names them.
  if (a.seq_gaps !== undefined) a.reconcile_explanation += `; account events missing: seq ${gapsText(a.seq_gaps)}`;
  return a;
}

function compareLedgers(a: AccountState, tolerance: number, known: boolean): void {
  a.k_capital = a.seed_capital + a.k_realized_pnl - a.k_fees_paid - a.k_funding_paid;
  if (!known) {
    a.reconcile_status = 'UNKNOWN';
    a.reconcile_delta = 0;
    a.reconcile_explanation = 'no exchange account update yet';
    return;
  }
  const delta = a.k_capital - a.e_wallet_balance;
  const size = Math.abs(delta);
  a.reconcile_delta = delta;
  if (size <= tolerance) {
    a.reconcile_status = 'OK';
    a.reconcile_explanation = `K and E agree within ${numberText(tolerance)}`;
  } else {
    a.reconcile_status = 'MISMATCH';
    a.reconcile_explanation =
      delta > 0 ? `K exceeds E by ${numberText(size)}` : `E exceeds K by ${numberText(size)}`;
  }
}

/** A copy of the account, written out field by field (one fixed shape; see copySlot). */
export function copyAccount(a: AccountState): AccountState {
  const c: AccountState = {
    seed_capital: a.seed_capital,
    k_realized_pnl: a.k_realized_pnl,
    k_fees_paid: a.k_fees_paid,
    k_funding_paid: a.k_funding_paid,
    k_capital: a.k_capital,
    e_wallet_balance: a.e_wallet_balance,
    e_available_margin: a.e_available_margin,
    e_used_margin: a.e_used_margin,
    e_maint_margin: a.e_maint_margin,
    e_fees_paid: a.e_fees_paid,
    e_realized_pnl: a.e_realized_pnl,
    e_funding_paid: a.e_funding_paid,
    event_seq: a.event_seq,
    reconcile_status: a.reconcile_status,
    reconcile_delta: a.reconcile_delta,
    reconcile_explanation: a.reconcile_explanation,
    fee_samples: a.fee_samples,
    fee_ratio_ema: a.fee_ratio_ema,
  };
  if (a.seq_gaps !== undefined) c.seq_gaps = a.seq_gaps;
  if (a.e_update_seq !== undefined) c.e_update_seq = a.e_update_seq;
  return c;
}

export function isKnown(a: AccountState): boolean {
  return a.reconcile_status !== 'UNKNOWN';
}

/**
 * K moved by a fill: the fee (and, for exit fills, the realised PnL) added, ledger recomputed.
 * Returns a new account.
 */
export function bookFill(a: AccountState, pnl: number, fee: number, tolerance: number, bookPnl: boolean): AccountState {
  const next = copyAccount(a);
  if (bookPnl) next.k_realized_pnl = a.k_realized_pnl + pnl;
  next.k_fees_paid = a.k_fees_paid + fee;
  return withLedger(next, tolerance, isKnown(a));
}

function firstNonFinite(e: AccountEvent): { field: string; value: number } | undefined {
  const fields: ReadonlyArray<readonly [string, number]> =
    e.kind === 'FILL_SETTLED'
      ? [['fee', e.fee], ['realized_pnl', e.realized_pnl]]
      : e.kind === 'ACCOUNT_UPDATE'
        ? [
            ['wallet_balance', e.wallet_balance],
            ['available_margin', e.available_margin],
            ['used_margin', e.used_margin],
            ['maint_margin', e.maint_margin],
          ]
        : [['amount', e.amount]];
  for (const [field, value] of fields) {
    if (typeof value !== 'number' || !Number.isFinite(value)) return { field, value };
  }
  return undefined;
}

/** Check an account event (R1 numbers, then idempotency by seq): a refusal or undefined. */
export function checkAccountEvent(a: AccountState, e: AccountEvent): Refusal | undefined {
  const bad = firstNonFinite(e);
  if (bad !== undefined) {
    return refusal('INVALID_EVENT', { field: bad.field, value: numberText(bad.value) });
  }
  if (!(e.seq > a.event_seq) && !inGap(a.seq_gaps, e.seq)) {
    return refusal('DUPLICATE_EVENT', {
      value: numberText(e.seq),
      expected: numberText(a.event_seq + 1),
    });
  }
  if (opensGap(a.event_seq, e.seq) && (a.seq_gaps?.length ?? 0) >= ACCOUNT_SEQ_GAPS_MAX) {
    return refusal('INVALID_EVENT', { field: 'seq', value: numberText(e.seq), reason: 'ACCOUNT_SEQ_GAPS_FULL' });
  }
  return undefined;
}

/** Apply a checked account event; returns the new account. */
export function applyAccountEvent(a: AccountState, e: AccountEvent, tolerance: number): AccountState {
  const next = copyAccount(a);
  const late = e.seq <= a.event_seq;
  const gaps = late ? closeGap(a.seq_gaps ?? [], e.seq) : openGap(a.seq_gaps, a.event_seq, e.seq);
  if (gaps === undefined) delete next.seq_gaps;
  else next.seq_gaps = gaps;
  if (!late) next.event_seq = e.seq;
  let known = isKnown(a);
  switch (e.kind) {
    case 'FILL_SETTLED':
      next.e_fees_paid = a.e_fees_paid + e.fee;
      next.e_realized_pnl = a.e_realized_pnl + e.realized_pnl;
      break;
    case 'ACCOUNT_UPDATE':
      // A late update older than the figures held closes its gap without replacing them.
      if (a.e_update_seq !== undefined && e.seq < a.e_update_seq) break;
      next.e_update_seq = e.seq;
      next.e_wallet_balance = e.wallet_balance;
      next.e_available_margin = e.available_margin;
      next.e_used_margin = e.used_margin;
      next.e_maint_margin = e.maint_margin;
      known = true;
      break;
    case 'FUNDING_FEE':
      next.e_funding_paid = a.e_funding_paid + e.amount;
      next.k_funding_paid = a.k_funding_paid + e.amount;
      break;
  }
  return withLedger(next, tolerance, known);
}
