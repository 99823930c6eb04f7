//! The ledger range: every money amount the kernel keeps stays within the schemas' Amount range.
//! Inputs within their own bounds can still multiply past it (a fee of price * size * rate
//! reaches 1e23); such a step is refused rather than leaving a slot or an account that no
//! response could carry.

use crate::canonical::number_text;
use crate::generated::types::{AccountState, OutcomeDetails, TradeSlot};

/// The Amount bound of vocabulary.schema.json (amount_max of schemas/data/protocol.edge.json).
pub use crate::generated::protocol_edge::AMOUNT_MAX;

fn in_range(x: f64) -> bool {
    (-AMOUNT_MAX..=AMOUNT_MAX).contains(&x)
}

fn out_of_range(field: String, value: f64) -> OutcomeDetails {
    OutcomeDetails { field: Some(field), value: Some(number_text(value)), reason: Some("AMOUNT_OUT_OF_RANGE".to_owned()), ..OutcomeDetails::default() }
}

/// The first amount out of range (slot fields, then account fields), as refusal details.
pub fn amount_out_of_range(slot: Option<&TradeSlot>, account: Option<&AccountState>) -> Option<OutcomeDetails> {
    if let Some(s) = slot {
        for (field, value) in [("realized_pnl", s.realized_pnl), ("unrealized_pnl", s.unrealized_pnl), ("fees_paid", s.fees_paid)] {
            if !in_range(value) {
                return Some(out_of_range(field.to_owned(), value));
            }
        }
    }
    if let Some(a) = account {
        let fields = [
            ("k_realized_pnl", a.k_realized_pnl),
            ("k_fees_paid", a.k_fees_paid),
            ("k_funding_paid", a.k_funding_paid),
            ("k_capital", a.k_capital),
            ("e_fees_paid", a.e_fees_paid),
            ("e_realized_pnl", a.e_realized_pnl),
            ("e_funding_paid", a.e_funding_paid),
            ("reconcile_delta", a.reconcile_delta),
        ];
        for (field, value) in fields {
            if !in_range(value) {
                return Some(out_of_range(format!("account.{field}"), value));
            }
        }
    }
    None
}
