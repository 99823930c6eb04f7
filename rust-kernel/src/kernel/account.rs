//! R14: the K/E account.

use crate::canonical::number_text;
use crate::generated::types::{KernelConfig, AccountState, ReconcileStatus, AccountEvent, OutcomeDetails};
use crate::generated::types::DiagnosticCode as C;

use super::account_gaps::{ACCOUNT_SEQ_GAPS_MAX, close_gap, gaps_text, in_gap, open_gap, opens_gap};
use super::outcome::{Refusal, refusal, field_value};

/// The account of a fresh kernel.
pub fn initial_account(config: &KernelConfig) -> AccountState {
    let mut account = AccountState {
        e_available_margin: 0.0,
        e_fees_paid: 0.0,
        e_funding_paid: 0.0,
        e_maint_margin: 0.0,
        e_realized_pnl: 0.0,
        e_update_seq: None,
        e_used_margin: 0.0,
        e_wallet_balance: 0.0,
        event_seq: 0,
        fee_ratio_ema: 0.0,
        fee_samples: 0,
        k_capital: 0.0,
        k_fees_paid: 0.0,
        k_funding_paid: 0.0,
        k_realized_pnl: 0.0,
        reconcile_delta: 0.0,
        reconcile_explanation: String::new(),
        reconcile_status: ReconcileStatus::Unknown,
        seed_capital: config.seed_capital,
        seq_gaps: None,
    };
    with_ledger(&mut account, config.reconcile_tolerance, false);
    account
}

/// Recomputes k_capital (left to right) and the reconcile status. `known`: an ACCOUNT_UPDATE
/// has been applied at some point.
pub fn with_ledger(a: &mut AccountState, tolerance: f64, known: bool) {
    compare_ledgers(a, tolerance, known);
    // While account events are missing the status says so and names them.
    if let Some(gaps) = &a.seq_gaps {
        let text = gaps_text(gaps);
        a.reconcile_explanation.push_str("; account events missing: seq ");
        a.reconcile_explanation.push_str(&text);
    }
}

fn compare_ledgers(a: &mut AccountState, tolerance: f64, known: bool) {
    a.k_capital = a.seed_capital + a.k_realized_pnl - a.k_fees_paid - a.k_funding_paid;
    if !known {
        a.reconcile_status = ReconcileStatus::Unknown;
        a.reconcile_delta = 0.0;
        a.reconcile_explanation = "no exchange account update yet".to_owned();
        return;
    }
    let delta = a.k_capital - a.e_wallet_balance;
    let size = delta.abs();
    a.reconcile_delta = delta;
    if size <= tolerance {
        a.reconcile_status = ReconcileStatus::Ok;
        a.reconcile_explanation = format!("K and E agree within {}", number_text(tolerance));
    } else {
        a.reconcile_status = ReconcileStatus::Mismatch;
        a.reconcile_explanation = if delta > 0.0 {
            format!("K exceeds E by {}", number_text(size))
        } else {
            format!("E exceeds K by {}", number_text(size))
        };
    }
}

fn is_known(a: &AccountState) -> bool {
    a.reconcile_status != ReconcileStatus::Unknown
}

/// K moved by a fill: the fee (and for exit fills the realised PnL), ledger recomputed.
pub fn book_fill(a: &AccountState, pnl: f64, fee: f64, tolerance: f64, book_pnl: bool) -> AccountState {
    let mut next = a.clone();
    if book_pnl {
        next.k_realized_pnl = a.k_realized_pnl + pnl;
    }
    next.k_fees_paid = a.k_fees_paid + fee;
    with_ledger(&mut next, tolerance, is_known(a));
    next
}

fn numbers(e: &AccountEvent) -> Vec<(&'static str, f64)> {
    match e {
        AccountEvent::FillSettled(x) => vec![("fee", x.fee), ("realized_pnl", x.realized_pnl)],
        AccountEvent::AccountUpdate(x) => vec![
            ("wallet_balance", x.wallet_balance),
            ("available_margin", x.available_margin),
            ("used_margin", x.used_margin),
            ("maint_margin", x.maint_margin),
        ],
        AccountEvent::FundingFee(x) => vec![("amount", x.amount)],
    }
}

fn event_seq_of(e: &AccountEvent) -> u64 {
    match e {
        AccountEvent::FillSettled(x) => x.seq,
        AccountEvent::AccountUpdate(x) => x.seq,
        AccountEvent::FundingFee(x) => x.seq,
    }
}

/// R1 numbers, then idempotency by seq.
pub fn check_account_event(a: &AccountState, e: &AccountEvent) -> Option<Refusal> {
    if let Some((field, value)) = numbers(e).into_iter().find(|(_, v)| !v.is_finite()) {
        return Some(refusal(C::InvalidEvent, field_value(field, value)));
    }
    let seq = event_seq_of(e);
    if seq <= a.event_seq && !in_gap(a.seq_gaps.as_ref(), seq) {
        let details = OutcomeDetails {
            value: Some(number_text(seq as f64)),
            expected: Some(number_text(a.event_seq as f64 + 1.0)),
            ..OutcomeDetails::default()
        };
        return Some(refusal(C::DuplicateEvent, details));
    }
    if opens_gap(a.event_seq, seq) && a.seq_gaps.as_ref().map_or(0, Vec::len) >= ACCOUNT_SEQ_GAPS_MAX {
        let mut details = field_value("seq", seq as f64);
        details.reason = Some("ACCOUNT_SEQ_GAPS_FULL".to_owned());
        return Some(refusal(C::InvalidEvent, details));
    }
    None
}

/// Applies a checked account event; returns the new account.
pub fn apply_account_event(a: &AccountState, e: &AccountEvent, tolerance: f64) -> AccountState {
    let mut next = a.clone();
    let seq = event_seq_of(e);
    let late = seq <= a.event_seq;
    next.seq_gaps = if late {
        close_gap(a.seq_gaps.as_deref().unwrap_or(&[]), seq)
    } else {
        open_gap(a.seq_gaps.as_ref(), a.event_seq, seq)
    };
    if !late {
        next.event_seq = seq;
    }
    let mut known = is_known(a);
    match e {
        AccountEvent::FillSettled(x) => {
            next.e_fees_paid = a.e_fees_paid + x.fee;
            next.e_realized_pnl = a.e_realized_pnl + x.realized_pnl;
        }
        // A late update older than the figures held closes its gap without replacing them.
        AccountEvent::AccountUpdate(_) if a.e_update_seq.is_some_and(|held| seq < held) => {}
        AccountEvent::AccountUpdate(x) => {
            next.e_update_seq = Some(seq);
            next.e_wallet_balance = x.wallet_balance;
            next.e_available_margin = x.available_margin;
            next.e_used_margin = x.used_margin;
            next.e_maint_margin = x.maint_margin;
            known = true;
        }
        AccountEvent::FundingFee(x) => {
            next.e_funding_paid = a.e_funding_paid + x.amount;
            next.k_funding_paid = a.k_funding_paid + x.amount;
        }
    }
    with_ledger(&mut next, tolerance, known);
    next
}
