//! Appends records to a journal (twin of journal-writer.ts): O(1) per record, durability by
//! policy, a checkpoint whenever the next index is a multiple of K.

use std::fs::File;
use std::io::{self, Write};

use serde_json::{json, Value};

use crate::journal::chained_line::ChainState;
use crate::journal::checksum::{checksum_bytes, checksum_text};
use crate::journal::durability::DurabilityPolicy;
use crate::journal::record_line::{line_fault_line, record_line, step_line, RecordLine};
use crate::journal::recorded_response::recorded_response;

/// An open journal, positioned on a line boundary at its end.
pub struct JournalWriter {
    file: File,
    state: ChainState,
    policy: DurabilityPolicy,
    pending: Vec<u8>,
}

impl JournalWriter {
    /// A writer over `file` (open for append) continuing the verified chain `state`.
    pub fn new(file: File, state: ChainState, policy: DurabilityPolicy) -> Self {
        Self { file, state, policy, pending: Vec::with_capacity(1 << 16) }
    }

    /// Index the next record gets.
    pub fn next_index(&self) -> u64 {
        self.state.expected
    }

    /// Checksum of the last record.
    pub fn head(&self) -> &str {
        &self.state.previous
    }

    /// One answered request line and its canonical response line (without `\n`).
    pub fn append_step(&mut self, request: &str, response: &[u8]) -> io::Result<()> {
        self.due()?;
        let line = step_line(self.state.expected, &self.state.previous, request, &recorded_response(response));
        self.push(line)
    }

    /// A request line without text and its response.
    pub fn append_line_fault(&mut self, fault: &str, response: &[u8]) -> io::Result<()> {
        self.due()?;
        let line = line_fault_line(self.state.expected, &self.state.previous, fault, response);
        self.push(line)
    }

    /// A new run starts on a journal that holds records (twin of appendRecovered): the record
    /// names the new run's build, the run it resumes (its build and the chain head it ended at,
    /// taken before any checkpoint now due) and what opening cut from the tail.
    pub fn append_recovered(&mut self, build_id: &str, torn_bytes: u64, torn_checksum: &str, side_file: Option<&str>) -> io::Result<()> {
        let parent = json!({
            "build_id": self.state.run_build_id.clone().unwrap_or_else(|| "unknown".to_owned()),
            "checksum": self.state.previous,
            "index": self.state.expected - 1,
        });
        self.due()?;
        let mut record = self.links("recovered");
        // `run`, not build_id/parent_run: every key must sort after previous_checksum (the line prefix).
        record["run"] = json!({ "build_id": build_id, "parent_run": parent });
        record["torn_bytes"] = json!(torn_bytes);
        record["torn_checksum"] = json!(torn_checksum);
        if let Some(side) = side_file {
            record["side_file"] = json!(side);
        }
        self.push(record_line(&record))?;
        self.state.run_build_id = Some(build_id.to_owned());
        Ok(())
    }

    /// Closes the run with a seal, committed and synced whatever the policy.
    pub fn seal(&mut self) -> io::Result<()> {
        self.due()?;
        let mut record = self.links("seal");
        self.tree(&mut record);
        self.push(record_line(&record))?;
        self.commit_sync(true)
    }

    /// Writes what is pending and syncs it unless the policy is none.
    pub fn commit(&mut self) -> io::Result<()> {
        self.commit_sync(false)
    }

    /// As commit, syncing when `force` whatever the policy.
    pub fn commit_sync(&mut self, force: bool) -> io::Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        self.file.write_all(&self.pending)?;
        self.pending.clear();
        if force || self.policy != DurabilityPolicy::None {
            self.file.sync_data()?;
        }
        Ok(())
    }

    fn links(&self, kind: &str) -> Value {
        json!({ "index": self.state.expected, "kind": kind, "previous_checksum": self.state.previous })
    }

    fn tree(&self, record: &mut Value) {
        record["tree_root"] = json!(checksum_text(&self.state.merkle.root()));
        record["tree_size"] = json!(self.state.merkle.size());
    }

    fn due(&mut self) -> io::Result<()> {
        if self.state.expected % self.state.interval != 0 {
            return Ok(());
        }
        let mut record = self.links("checkpoint");
        let peaks: Vec<String> = self.state.merkle.peaks().iter().map(|h| checksum_text(h)).collect();
        record["tree_peaks"] = json!(peaks);
        self.tree(&mut record);
        self.push(record_line(&record))
    }

    fn push(&mut self, r: RecordLine) -> io::Result<()> {
        self.pending.extend_from_slice(&r.line);
        self.state.merkle.append(&checksum_bytes(&r.checksum));
        self.state.previous = r.checksum;
        self.state.expected += 1;
        if self.policy == DurabilityPolicy::Every {
            self.commit()?;
        }
        Ok(())
    }
}
