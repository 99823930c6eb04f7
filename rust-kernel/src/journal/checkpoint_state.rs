//! The chain state a checkpoint line claims (twin of checkpoint-state.ts): its index and link,
//! and the Merkle peaks of the records before it. A quick verify resumes from it; a parallel
//! full verify starts a segment from it and proves the claim by joining (journal_segments.rs).

use serde_json::Value;

use crate::journal::chained_line::{read_prefix, ChainState};
use crate::journal::checksum::checksum_bytes;
use crate::journal::merkle_tree::MerkleAppender;

/// The state before the checkpoint `line` (bytes without `\n`), or None when it is not a readable checkpoint.
pub fn checkpoint_state(line: &[u8], interval: u64) -> Option<ChainState> {
    let p = read_prefix(line)?;
    if p.kind != "checkpoint" {
        return None;
    }
    let value: Value = serde_json::from_slice(line).ok()?;
    let peaks = value.get("tree_peaks")?.as_array()?;
    let mut hashes = Vec::with_capacity(peaks.len());
    for peak in peaks {
        let text = peak.as_str()?;
        let ok = text.len() == 71 && text.starts_with("sha256:") && text[7..].bytes().all(|c| c.is_ascii_digit() || (b'a'..=b'f').contains(&c));
        if !ok {
            return None;
        }
        hashes.push(checksum_bytes(text));
    }
    if p.index < 1 {
        return None;
    }
    let merkle = MerkleAppender::from_peaks(p.index - 1, hashes)?;
    Some(ChainState { expected: p.index, previous: p.previous, merkle, sealed: false, interval, run_build_id: None })
}
