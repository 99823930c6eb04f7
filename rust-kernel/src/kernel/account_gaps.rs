//! R14 account-event seq gaps: skipped seqs remembered as inclusive ranges (bounded), so a late
//! event filling a gap is applied rather than refused as a duplicate.

use crate::generated::types::SeqGap;

/// At most this many ranges (the schema's maxItems of seq_gaps); one more is refused.
pub const ACCOUNT_SEQ_GAPS_MAX: usize = 64;

/// Ranges named in the account's explanation; the rest are counted (the text is bounded).
pub const GAPS_NAMED_MAX: usize = 8;

/// Whether `seq` is one of the missing seqs.
pub fn in_gap(gaps: Option<&Vec<SeqGap>>, seq: u64) -> bool {
    gaps.is_some_and(|gaps| gaps.iter().any(|g| g.from <= seq && seq <= g.to))
}

/// Whether applying `seq` after `last` would open a new gap.
pub fn opens_gap(last: u64, seq: u64) -> bool {
    seq > last + 1
}

/// The gaps after an event with `seq` above `last`: the skipped range added at the end.
pub fn open_gap(gaps: Option<&Vec<SeqGap>>, last: u64, seq: u64) -> Option<Vec<SeqGap>> {
    if !opens_gap(last, seq) {
        return gaps.cloned();
    }
    let mut out = gaps.cloned().unwrap_or_default();
    out.push(SeqGap { from: last + 1, to: seq - 1 });
    Some(out)
}

/// The gaps after a late event with `seq` inside one of them: that range split around it.
pub fn close_gap(gaps: &[SeqGap], seq: u64) -> Option<Vec<SeqGap>> {
    let mut out = Vec::with_capacity(gaps.len() + 1);
    for g in gaps {
        if seq < g.from || seq > g.to {
            out.push(g.clone());
            continue;
        }
        if g.from < seq {
            out.push(SeqGap { from: g.from, to: seq - 1 });
        }
        if seq < g.to {
            out.push(SeqGap { from: seq + 1, to: g.to });
        }
    }
    if out.is_empty() { None } else { Some(out) }
}

/// `3-4, 7` (`..., and 3 more ranges` past GAPS_NAMED_MAX): the gaps as a person reads them.
pub fn gaps_text(gaps: &[SeqGap]) -> String {
    let named: Vec<String> = gaps
        .iter()
        .take(GAPS_NAMED_MAX)
        .map(|g| if g.from == g.to { format!("{}", g.from) } else { format!("{}-{}", g.from, g.to) })
        .collect();
    let rest = gaps.len() - named.len();
    if rest > 0 { format!("{}, and {} more ranges", named.join(", "), rest) } else { named.join(", ") }
}
