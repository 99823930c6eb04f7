//! A full verify cut into segments that start at checkpoints (twin of journal-segments.ts). A
//! segment after the first starts from the state its checkpoint claims; the claim is trusted only
//! once the segment before it ends in exactly that state, so the joined verdict is the sequential one.

use std::fs::File;
use std::io;

use crate::journal::chain_range::verify_chain_range;
use crate::journal::chained_line::ChainState;
use crate::journal::checkpoint_state::checkpoint_state;
use crate::journal::journal_lines::{read_at, READ_CHUNK_BYTES};

/// A segment's bytes: [start, end), both line boundaries.
#[derive(Debug, Clone, Copy)]
pub struct SegmentTask {
    /// First byte (a checkpoint line after the first segment).
    pub start: u64,
    /// End (the next segment's start, or the end of the range).
    pub end: u64,
}

/// What one segment's verify found.
#[derive(Debug, Default)]
pub struct SegmentOutcome {
    /// The state its checkpoint claims (None: its first line is no readable checkpoint).
    pub claimed: Option<ChainState>,
    /// The state after its last line (None: a line did not verify, or no claim, or an I/O error).
    pub end: Option<ChainState>,
}

/// Whether the chain `s` has reached is exactly the one a segment claims to start from.
pub fn same_state(s: &ChainState, claim: &ChainState) -> bool {
    s.expected == claim.expected && s.previous == claim.previous && s.sealed == claim.sealed && s.merkle.peaks() == claim.merkle.peaks()
}

/// Moves `s` to a segment's verified end state (its run only when the segment started one).
pub fn adopt_state(s: &mut ChainState, end: ChainState) {
    let run = end.run_build_id.clone().or_else(|| s.run_build_id.take());
    *s = ChainState { run_build_id: run, ..end };
}

/// The line starting at `offset` without `\n` (None when longer than a chunk: no checkpoint is).
fn line_at(file: &File, offset: u64, to: u64) -> io::Result<Option<Vec<u8>>> {
    let mut window = 4096u64;
    loop {
        let mut bytes = read_at(file, offset, window.min(to - offset))?;
        if let Some(nl) = bytes.iter().position(|&b| b == b'\n') {
            bytes.truncate(nl);
            return Ok(Some(bytes));
        }
        if offset + bytes.len() as u64 >= to || window >= READ_CHUNK_BYTES {
            return Ok(None);
        }
        window *= 4;
    }
}

/// Verifies one segment from the state its checkpoint claims.
pub fn verify_segment(file: &File, task: SegmentTask, interval: u64) -> SegmentOutcome {
    let Ok(Some(first)) = line_at(file, task.start, task.end) else { return SegmentOutcome::default() };
    let Some(mut state) = checkpoint_state(&first, interval) else { return SegmentOutcome::default() };
    let claimed = state.clone();
    match verify_chain_range(file, task.start, task.end, &mut state) {
        Ok((None, _)) => SegmentOutcome { claimed: Some(claimed), end: Some(state) },
        _ => SegmentOutcome { claimed: Some(claimed), end: None },
    }
}

const CHECKPOINT_KIND: &[u8] = b",\"kind\":\"checkpoint\",";
/// Where `,"kind":"checkpoint",` can sit in a line: after the checksum and 1 to 17 index digits.
const KIND_AT_MIN: usize = "{\"checksum\":\"sha256:".len() + 64 + "\",\"index\":".len() + 1;
const KIND_AT_MAX: usize = KIND_AT_MIN + 16;

fn looks_like_checkpoint(chunk: &[u8], at: usize) -> bool {
    let from = (at + KIND_AT_MIN).min(chunk.len());
    let to = (at + KIND_AT_MAX + CHECKPOINT_KIND.len()).min(chunk.len());
    chunk[from..to].windows(CHECKPOINT_KIND.len()).any(|w| w == CHECKPOINT_KIND)
}

/// The first line start after a `\n` at or after `from` whose line looks like a checkpoint, before `to`.
fn next_checkpoint(file: &File, from: u64, to: u64) -> io::Result<Option<u64>> {
    let mut at = from;
    while at < to {
        let chunk = read_at(file, at, READ_CHUNK_BYTES.min(to - at))?;
        if chunk.is_empty() {
            return Ok(None);
        }
        let mut nl = chunk.iter().position(|&b| b == b'\n');
        while let Some(n) = nl {
            if n + 1 >= chunk.len() {
                break;
            }
            if looks_like_checkpoint(&chunk, n + 1) {
                return Ok(Some(at + n as u64 + 1));
            }
            nl = chunk[n + 1..].iter().position(|&b| b == b'\n').map(|r| n + 1 + r);
        }
        // The last line of the chunk may be cut: go on from the `\n` before it.
        let last = chunk.iter().rposition(|&b| b == b'\n').unwrap_or(0);
        at += if last == 0 || (chunk.len() as u64) < READ_CHUNK_BYTES { chunk.len() as u64 } else { last as u64 };
    }
    Ok(None)
}

/// Segments of [from, to): from `from`, then at the first checkpoint in each 1/parts of the range
/// (none when that part holds none: each part is searched once).
pub fn segment_tasks(file: &File, from: u64, to: u64, parts: u64) -> io::Result<Vec<SegmentTask>> {
    let mut starts = vec![from];
    let bound = |i: u64| from + (to - from) * i / parts;
    for i in 1..parts {
        let last = *starts.last().unwrap_or(&from);
        if let Some(at) = next_checkpoint(file, bound(i).saturating_sub(1).max(last), bound(i + 1).max(last + 1).min(to))? {
            if at > last && at < to {
                starts.push(at);
            }
        }
    }
    Ok(starts.iter().enumerate().map(|(i, &start)| SegmentTask { start, end: starts.get(i + 1).copied().unwrap_or(to) }).collect())
}
