//! The fixed facts of journal format v1; the TypeScript twin is journal-format.ts (same names).

/// Format version written in every header.
pub const JOURNAL_FORMAT: &str = "lockstep.journal.v1";

/// K: every chained record whose index is a multiple of K is a checkpoint.
pub const JOURNAL_CHECKPOINT_INTERVAL: u64 = 1024;

/// previous_checksum of record 1 (the header is not chained).
pub const ZERO_CHECKSUM: &str = "sha256:0000000000000000000000000000000000000000000000000000000000000000";

/// Longest journal line read back, in bytes.
pub const JOURNAL_LINE_BYTES_MAX: usize = 64 * 1024 * 1024;

/// Every chained line starts `{"checksum":"sha256:<64 hex>",`: this many bytes.
pub const CHECKSUM_PREFIX_BYTES: usize = 20 + 64 + 2;

/// What a hello's implementation is recorded as (name, version, language all `*`).
pub const RECORDED_IMPLEMENTATION_TEXT: &str = "*";
