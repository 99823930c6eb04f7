//! Opens a journal read-only and decides its case, full or quick (twin of journal-scan.ts).

use std::fs::File;
use std::io;

use serde_json::Value;

use crate::journal::chain_range::verify_chain_range;
use crate::journal::chained_line::{read_prefix, ChainState};
use crate::journal::checkpoint_state::checkpoint_state;
use crate::journal::journal_decision::{JournalCase, JournalDamage, JournalDecision};
use crate::journal::journal_parallel::{verify_chain_parallel, verify_threads, VerifyOptions};
use crate::journal::journal_format::ZERO_CHECKSUM;
use crate::journal::journal_header::check_header;
use crate::journal::journal_lines::{for_each_line, read_at, torn_start, READ_CHUNK_BYTES};
use crate::journal::merkle_tree::MerkleAppender;

/// Full: every line from the header. Quick: the header, then from the last checkpoint on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScanMode {
    /// Every line.
    Full,
    /// Header, last checkpoint, tail.
    Quick,
}

/// The decision and, when the chain verified, the state to continue it.
pub struct JournalScan {
    /// The case and where.
    pub decision: JournalDecision,
    /// The verified chain (None when empty, damaged or without a header).
    pub state: Option<ChainState>,
    /// Where the torn tail starts (the file size when there is none).
    pub torn_at: u64,
}

fn fresh_state(interval: u64) -> ChainState {
    ChainState { expected: 1, previous: ZERO_CHECKSUM.to_owned(), merkle: MerkleAppender::empty(), sealed: false, interval, run_build_id: None }
}

/// The state at the last checkpoint in [from, to), found by reading backwards.
fn last_checkpoint(file: &File, from: u64, to: u64, interval: u64) -> io::Result<Option<(ChainState, u64)>> {
    let mut window = READ_CHUNK_BYTES;
    loop {
        let start = to.saturating_sub(window).max(from);
        let bytes = read_at(file, start, to - start)?;
        let boundary = start == from || read_at(file, start - 1, 1)?.first() == Some(&b'\n');
        let first = if boundary { 0 } else { bytes.iter().position(|&b| b == b'\n').map_or(bytes.len(), |nl| nl + 1) };
        let mut end = bytes.len();
        while end > first {
            let nl = if end >= 2 { bytes[..end - 1].iter().rposition(|&b| b == b'\n') } else { None };
            let line_start = match nl {
                Some(nl) if nl >= first => nl + 1,
                _ => first,
            };
            let line = &bytes[line_start..end - 1];
            if read_prefix(line).is_some_and(|p| p.kind == "checkpoint") {
                if let Some(state) = checkpoint_state(line, interval) {
                    return Ok(Some((state, start + line_start as u64)));
                }
            }
            end = line_start;
        }
        if start == from {
            return Ok(None);
        }
        window *= 4;
    }
}

/// Decides the case of the journal at `path`; a large full verify uses threads (journal_parallel.rs).
pub fn scan_journal(path: &str, mode: ScanMode) -> io::Result<JournalScan> {
    scan_journal_with(path, mode, &VerifyOptions::default())
}

/// scan_journal with the thread options named.
pub fn scan_journal_with(path: &str, mode: ScanMode, options: &VerifyOptions) -> io::Result<JournalScan> {
    let file = File::open(path)?;
    let size = file.metadata()?.len();
    scan_open(&file, size, mode, options)
}

fn decided(mut d: JournalDecision) -> JournalDecision {
    d.case = if d.damage.is_some() {
        JournalCase::Damaged
    } else if d.torn_bytes > 0 {
        JournalCase::TornTail
    } else if d.sealed {
        JournalCase::Sealed
    } else {
        JournalCase::Clean
    };
    d
}

fn scan_open(file: &File, size: u64, mode: ScanMode, options: &VerifyOptions) -> io::Result<JournalScan> {
    let none = |case, torn_bytes| JournalDecision {
        case,
        records: 0,
        head: ZERO_CHECKSUM.to_owned(),
        valid_bytes: 0,
        torn_bytes,
        sealed: false,
        damage: None,
    };
    if size == 0 {
        return Ok(JournalScan { decision: none(JournalCase::Empty, 0), state: None, torn_at: 0 });
    }
    let torn_at = torn_start(file, size)?;
    let torn = size - torn_at;
    if torn_at == 0 {
        return Ok(JournalScan { decision: none(JournalCase::TornTail, torn), state: None, torn_at });
    }
    let mut header: Option<Result<(u64, Option<String>), String>> = None;
    let mut header_end = 0u64;
    for_each_line(file, 0, torn_at, |bytes, offset| {
        header = Some(match bytes {
            None => Err("line 0 is too long".to_owned()),
            Some(b) => check_header(b).map(|(h, interval)| (interval, h.get("run").and_then(|r| r.get("build_id")).and_then(Value::as_str).map(str::to_owned))),
        });
        header_end = offset + bytes.map_or(0, |b| b.len() as u64) + 1;
        false
    })?;
    let (interval, header_build_id) = match header.unwrap_or_else(|| Err("no line 0".to_owned())) {
        Ok(found) => found,
        Err(message) => {
            let mut d = none(JournalCase::Damaged, torn);
            d.damage = Some(JournalDamage { index: 0, offset: 0, reason: "bad_header", message });
            return Ok(JournalScan { decision: d, state: None, torn_at });
        }
    };
    let resume = if mode == ScanMode::Quick { last_checkpoint(file, header_end, torn_at, interval)? } else { None };
    let (mut state, from) = match resume {
        Some((state, offset)) => (state, offset),
        None => (ChainState { run_build_id: header_build_id, ..fresh_state(interval) }, header_end),
    };
    let threads = if mode == ScanMode::Full { verify_threads(torn_at - from, options) } else { 1 };
    let (damage, valid_bytes) =
        if threads > 1 { verify_chain_parallel(file, from, torn_at, &mut state, threads, options)? } else { verify_chain_range(file, from, torn_at, &mut state)? };
    let head = if state.expected == 1 { ZERO_CHECKSUM.to_owned() } else { state.previous.clone() };
    let damaged = damage.is_some();
    let decision = decided(JournalDecision {
        case: JournalCase::Clean,
        records: state.expected - 1,
        head,
        valid_bytes,
        torn_bytes: torn,
        sealed: state.sealed,
        damage,
    });
    Ok(JournalScan { decision, state: if damaged { None } else { Some(state) }, torn_at })
}
