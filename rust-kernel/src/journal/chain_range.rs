//! Verifies the complete lines in a byte range of a journal against a chain state, moving the
//! state past every line that verifies (twin of chain-range.ts): the loop of a full verify,
//! shared by the sequential scan and each segment of a parallel one.

use std::fs::File;
use std::io;

use crate::journal::chained_line::{check_chained_line, ChainState};
use crate::journal::journal_decision::JournalDamage;
use crate::journal::journal_lines::for_each_line;

/// The first line that does not verify, and the end of the last verified line (`from` when none).
pub type RangeCheck = (Option<JournalDamage>, u64);

/// `from` and `to` are line boundaries; stops at the first damaged line.
pub fn verify_chain_range(file: &File, from: u64, to: u64, state: &mut ChainState) -> io::Result<RangeCheck> {
    let mut damage = None;
    let mut valid_bytes = from;
    for_each_line(file, from, to, |bytes, offset| {
        let finding = match bytes {
            None => Some(("line_too_long", "line is longer than the journal line limit".to_owned())),
            Some(b) => check_chained_line(b, state),
        };
        if let Some((reason, message)) = finding {
            damage = Some(JournalDamage { index: state.expected, offset, reason, message });
            return false;
        }
        valid_bytes = offset + bytes.map_or(0, |b| b.len() as u64) + 1;
        true
    })?;
    Ok((damage, valid_bytes))
}
