//! The journal (docs/journal.md): the Rust twin of `src/journal/`, file for file, writing the
//! same bytes for the same session and deciding the same case for the same file.

pub mod canonical_line;
pub mod chain_range;
pub mod chained_line;
pub mod checkpoint_state;
pub mod checksum;
pub mod durability;
pub mod journal_decision;
pub mod journal_format;
pub mod journal_header;
pub mod journal_lines;
pub mod journal_parallel;
pub mod journal_scan;
pub mod journal_segments;
pub mod journal_sink;
pub mod journal_writer;
pub mod kernel_journal;
pub mod merkle_tree;
pub mod open_for_append;
pub mod parent_run;
pub mod record_line;
pub mod recorded_response;
