//! Checks one complete chained line against the chain so far (twin of chained-line.ts: the same
//! checks in the same order, so both name the same reason for the same bytes).

use sha2::{Digest, Sha256};
use serde_json::Value;

use crate::journal::canonical_line::is_canonical_line;
use crate::journal::checksum::{checksum_bytes, checksum_text};
use crate::journal::journal_format::CHECKSUM_PREFIX_BYTES;
use crate::journal::merkle_tree::MerkleAppender;
use crate::protocol::limits::SAFE_INTEGER_MAX;

/// The chain as verified so far.
#[derive(Debug, Clone)]
pub struct ChainState {
    /// Index the next line must carry.
    pub expected: u64,
    /// Checksum the next line must link.
    pub previous: String,
    /// Merkle append state over every record so far.
    pub merkle: MerkleAppender,
    /// Whether the last record was a seal.
    pub sealed: bool,
    /// K, from the header.
    pub interval: u64,
    /// Build id of the run that wrote the chain head: the header's, then each recovered
    /// record's (a new run starts there). Known after a full scan; None from a checkpoint.
    pub run_build_id: Option<String>,
}

/// The build id a recovered record names (`unknown` when it names none: written before runs were named).
fn recovered_build_id(bytes: &[u8]) -> String {
    serde_json::from_slice::<Value>(bytes).ok().and_then(|v| v.get("run").and_then(|r| r.get("build_id")).and_then(Value::as_str).map(str::to_owned)).unwrap_or_else(|| "unknown".to_owned())
}

/// The fixed-position fields every chained line starts with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinePrefix {
    /// `sha256:` checksum the line carries.
    pub checksum: String,
    /// Its index.
    pub index: u64,
    /// Its kind.
    pub kind: String,
    /// The checksum it links.
    pub previous: String,
}

/// Why a line does not verify.
pub type LineFinding = (&'static str, String);

const KINDS: [&str; 5] = ["step", "line_fault", "checkpoint", "recovered", "seal"];
const OPEN: &[u8] = b"{\"checksum\":\"sha256:";
const INDEX_MAX: u64 = SAFE_INTEGER_MAX as u64;
/// The fixed-position fields lie within this many leading bytes of a line.
const PREFIX_WINDOW_BYTES: usize = 320;

fn hex_at(text: &[u8], at: usize) -> Option<String> {
    let hex = text.get(at..at + 64)?;
    hex.iter().all(|c| c.is_ascii_digit() || (b'a'..=b'f').contains(c)).then(|| String::from_utf8_lossy(hex).into_owned())
}

fn starts_with_at(text: &[u8], at: usize, what: &[u8]) -> bool {
    text.get(at..).is_some_and(|rest| rest.starts_with(what))
}

/// Reads `{"checksum":"sha256:H","index":N,"kind":"K","previous_checksum":"sha256:P"`.
pub fn read_prefix(bytes: &[u8]) -> Option<LinePrefix> {
    let text = &bytes[..bytes.len().min(PREFIX_WINDOW_BYTES)];
    if !text.starts_with(OPEN) {
        return None;
    }
    let checksum = hex_at(text, OPEN.len())?;
    let mut at = OPEN.len() + 64;
    if !starts_with_at(text, at, b"\",\"index\":") {
        return None;
    }
    at += 10;
    let digits = text.get(at..).unwrap_or(&[]).iter().take_while(|c| c.is_ascii_digit()).count();
    let first = *text.get(at)?;
    let take = if first == b'0' { 1 } else { digits.min(16) };
    if take == 0 {
        return None;
    }
    let index: u64 = std::str::from_utf8(&text[at..at + take]).ok()?.parse().ok()?;
    if index > INDEX_MAX {
        return None;
    }
    at += take;
    if !starts_with_at(text, at, b",\"kind\":\"") {
        return None;
    }
    at += 9;
    let end = at + text.get(at..)?.iter().position(|&c| c == b'"')?;
    let kind = &text[at..end];
    if kind.is_empty() || kind.len() > 32 || !kind.iter().all(|&c| c.is_ascii_lowercase() || c == b'_') {
        return None;
    }
    at = end + 1;
    let link: &[u8] = b",\"previous_checksum\":\"sha256:";
    if !starts_with_at(text, at, link) {
        return None;
    }
    let previous = hex_at(text, at + link.len())?;
    if text.get(at + link.len() + 64) != Some(&b'"') {
        return None;
    }
    Some(LinePrefix {
        checksum: format!("sha256:{checksum}"),
        index,
        kind: String::from_utf8_lossy(kind).into_owned(),
        previous: format!("sha256:{previous}"),
    })
}

fn body_checksum(bytes: &[u8]) -> String {
    let mut h = Sha256::new();
    h.update(b"{");
    h.update(&bytes[CHECKSUM_PREFIX_BYTES.min(bytes.len())..]);
    checksum_text(&h.finalize())
}

fn tree_finding(bytes: &[u8], p: &LinePrefix, state: &ChainState) -> Option<LineFinding> {
    let Ok(record) = serde_json::from_slice::<Value>(bytes) else {
        return Some(("malformed", format!("{} is not JSON", p.kind)));
    };
    let size = state.merkle.size();
    if record.get("tree_size").and_then(Value::as_f64) != Some(size as f64) {
        return Some(("bad_tree", format!("tree_size is not the {size} records that precede it")));
    }
    if record.get("tree_root").and_then(Value::as_str) != Some(checksum_text(&state.merkle.root()).as_str()) {
        return Some(("bad_tree", "tree_root is not the root of the records before it".to_owned()));
    }
    if p.kind == "checkpoint" {
        let expected: Vec<String> = state.merkle.peaks().iter().map(|h| checksum_text(h)).collect();
        let actual: Option<Vec<String>> =
            record.get("tree_peaks").and_then(Value::as_array).map(|a| a.iter().map(|x| x.as_str().map(str::to_owned).unwrap_or_else(|| x.to_string())).collect());
        if actual.map(|a| a.join(",")) != Some(expected.join(",")) {
            return Some(("bad_tree", "tree_peaks are not the peaks of the records before it".to_owned()));
        }
    }
    None
}

/// The finding for one line, or None when it verifies (the state then moves past it).
pub fn check_chained_line(bytes: &[u8], state: &mut ChainState) -> Option<LineFinding> {
    let Some(p) = read_prefix(bytes) else {
        return Some(("malformed", "line does not start with checksum, index, kind and previous_checksum".to_owned()));
    };
    let actual = body_checksum(bytes);
    if actual != p.checksum {
        return Some(("bad_checksum", format!("checksum {} but the bytes hash to {actual}", p.checksum)));
    }
    // The checksum proves the bytes are those hashed, not that a writer hashed canonical bytes.
    if !is_canonical_line(bytes) {
        return Some(("not_canonical", "line is not the canonical JSON of its record".to_owned()));
    }
    if p.index != state.expected {
        return Some(("bad_index", format!("index {} where {} belongs", p.index, state.expected)));
    }
    if p.previous != state.previous {
        return Some(("broken_link", format!("previous_checksum {} is not {}", p.previous, state.previous)));
    }
    if state.sealed {
        return Some(("after_seal", format!("{} after the seal", p.kind)));
    }
    if !KINDS.contains(&p.kind.as_str()) {
        return Some(("unknown_kind", format!("kind {}", p.kind)));
    }
    let due = p.index % state.interval == 0;
    if due && p.kind != "checkpoint" {
        return Some(("missing_checkpoint", format!("{} where checkpoint {} belongs", p.kind, p.index)));
    }
    if !due && p.kind == "checkpoint" {
        return Some(("unexpected_checkpoint", format!("checkpoint at index {}, not a multiple of {}", p.index, state.interval)));
    }
    if p.kind == "checkpoint" || p.kind == "seal" {
        if let Some(finding) = tree_finding(bytes, &p, state) {
            return Some(finding);
        }
    }
    state.merkle.append(&checksum_bytes(&p.checksum));
    state.previous = p.checksum;
    state.expected += 1;
    state.sealed = p.kind == "seal";
    // A recovered record starts a run: the next resume names its build (rare: parsed here only).
    if p.kind == "recovered" {
        state.run_build_id = Some(recovered_build_id(bytes));
    }
    None
}
