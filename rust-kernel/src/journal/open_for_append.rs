//! Opening a journal for append, by its case (twin of open-for-append.ts): empty -> header;
//! clean -> a recovered record of 0 bytes; torn tail -> side file, truncate, sync, recovered
//! record; sealed and damaged -> refused with the decision's sentence.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::Path;

use crate::journal::chained_line::ChainState;
use crate::journal::checksum::checksum_of;
use crate::journal::durability::DurabilityPolicy;
use crate::journal::journal_decision::{JournalCase, JournalDecision};
use crate::journal::journal_format::ZERO_CHECKSUM;
use crate::journal::journal_header::{build_header, build_id_of, HeaderOptions};
use crate::journal::journal_lines::read_at;
use crate::journal::journal_scan::{scan_journal, ScanMode};
use crate::journal::journal_writer::JournalWriter;
use crate::journal::merkle_tree::MerkleAppender;

/// The decision as one line for a person (as describeDecision writes it).
pub fn describe_decision(file: &str, d: &JournalDecision) -> String {
    match d.case {
        JournalCase::Empty => format!("{file}: empty"),
        JournalCase::Clean | JournalCase::Sealed => format!("{file}: {}, {} records, head {}", d.case.name(), d.records, d.head),
        JournalCase::TornTail => format!(
            "{file}: torn tail of {} bytes at byte {} after {} verified records (opening for append cuts it aside)",
            d.torn_bytes, d.valid_bytes, d.records
        ),
        JournalCase::Damaged => {
            let x = d.damage.as_ref();
            format!(
                "{file}: damaged at record {} (byte {}): {}: {}",
                x.map_or(0, |x| x.index),
                x.map_or(0, |x| x.offset),
                x.map_or("", |x| x.reason),
                x.map_or("", |x| x.message.as_str())
            )
        }
    }
}

/// The side file that keeps a torn tail cut at `at`.
pub fn side_file_name(journal: &str, at: u64) -> String {
    let base = Path::new(journal).file_name().map_or_else(|| journal.to_owned(), |n| n.to_string_lossy().into_owned());
    format!("{base}.torn-{at}")
}

fn dir_of(path: &str) -> &Path {
    match Path::new(path).parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

fn sync_dir(path: &str) -> io::Result<()> {
    File::open(dir_of(path))?.sync_all()
}

fn cut_tail(path: &str, at: u64) -> io::Result<(u64, String, String)> {
    let file = OpenOptions::new().read(true).write(true).open(path)?;
    let size = file.metadata()?.len();
    let torn = read_at(&file, at, size - at)?;
    let side = side_file_name(path, at);
    let mut side_file = File::create(dir_of(path).join(&side))?;
    side_file.write_all(&torn)?;
    side_file.sync_all()?;
    sync_dir(path)?;
    file.set_len(at)?;
    file.sync_all()?;
    Ok((torn.len() as u64, checksum_of(&torn), side))
}

/// Why a journal was not opened: refused by its case, or an I/O error.
#[derive(Debug)]
pub enum OpenError {
    /// Sealed or damaged: the sentence names where.
    Refused(String),
    /// The file system failed.
    Io(io::Error),
}

impl From<io::Error> for OpenError {
    fn from(e: io::Error) -> Self {
        OpenError::Io(e)
    }
}

/// Opens `path` for append after deciding its case.
pub fn open_for_append(path: &str, header: &HeaderOptions, policy: DurabilityPolicy) -> Result<JournalWriter, OpenError> {
    let scan = if Path::new(path).exists() { Some(scan_journal(path, ScanMode::Full)?) } else { None };
    let case = scan.as_ref().map(|s| s.decision.case);
    if let Some(s) = &scan {
        if matches!(s.decision.case, JournalCase::Sealed | JournalCase::Damaged) {
            let why = if s.decision.case == JournalCase::Sealed { " (a sealed journal takes no more records; start a new journal)" } else { "" };
            return Err(OpenError::Refused(format!("{}{why}", describe_decision(path, &s.decision))));
        }
    }
    let cut = match &scan {
        Some(s) if s.decision.case == JournalCase::TornTail => Some(cut_tail(path, s.torn_at)?),
        _ => None,
    };
    let mut file = OpenOptions::new().create(true).append(true).open(path)?;
    let state: ChainState = match scan.and_then(|s| s.state) {
        Some(state) => state,
        None => {
            file.write_all(&build_header(header).line)?;
            sync_dir(path)?;
            let interval = header.checkpoint_interval;
            ChainState {
                expected: 1,
                previous: ZERO_CHECKSUM.to_owned(),
                merkle: MerkleAppender::empty(),
                sealed: false,
                interval,
                run_build_id: Some(build_id_of(header)),
            }
        }
    };
    let mut writer = JournalWriter::new(file, state, policy);
    if case.is_some_and(|c| c != JournalCase::Empty) {
        let (bytes, checksum, side) = cut.map_or((0, checksum_of(b""), None), |(b, c, s)| (b, c, Some(s)));
        writer.append_recovered(&build_id_of(header), bytes, &checksum, side.as_deref())?;
    }
    writer.commit_sync(true)?;
    Ok(writer)
}
