//! The run a new journal continues (`--continues FILE`; twin of parent-run.ts): a sealed or
//! clean journal is named in the new journal's header as its parent run: the build that wrote
//! its chain head, and that head.

use crate::journal::journal_decision::JournalCase;
use crate::journal::journal_scan::{scan_journal, ScanMode};
use crate::journal::open_for_append::describe_decision;

/// A header's `parent_run`: the previous run's build id and the chain head it ended at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParentRun {
    /// Build id of the run that wrote the chain head.
    pub build_id: String,
    /// Checksum of the chain head.
    pub checksum: String,
    /// Index of the chain head.
    pub index: u64,
}

/// The parent run named by `path`, or why it cannot be continued (torn, damaged, empty, missing).
pub fn parent_run_of(path: &str) -> Result<ParentRun, String> {
    let scan = scan_journal(path, ScanMode::Full).map_err(|e| format!("{path}: {e}"))?;
    let d = &scan.decision;
    match (&scan.state, d.case) {
        (Some(state), JournalCase::Sealed | JournalCase::Clean) => Ok(ParentRun {
            build_id: state.run_build_id.clone().unwrap_or_else(|| "unknown".to_owned()),
            checksum: d.head.clone(),
            index: d.records,
        }),
        _ => Err(format!("{} (only a sealed or clean journal can be continued)", describe_decision(path, d))),
    }
}
