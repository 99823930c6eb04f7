// The fixed facts of journal format v1 (docs/journal.md); the Rust twin is
// rust-kernel/src/journal/journal_format.rs with the same names.

/** Format version written in every header. */
export const JOURNAL_FORMAT = 'lockstep.journal.v1';

/**
 * K: every chained record whose index is a multiple of K is a checkpoint (Merkle root over all
 * records before it, and the peaks to continue from). 1024 bounds the quick check to about a
 * thousand records behind the last checkpoint while adding one line per thousand.
 */
export const JOURNAL_CHECKPOINT_INTERVAL = 1024;

/** previous_checksum of record 1: the chain starts from nothing (the header is not chained). */
export const ZERO_CHECKSUM = `sha256:${'0'.repeat(64)}`;

/** Longest journal line read back, in bytes: a request line of line_bytes_max escaped, plus its response. */
export const JOURNAL_LINE_BYTES_MAX = 64 * 1024 * 1024;

/** Every chained line starts `{"checksum":"sha256:<64 hex>",`: this many bytes. */
export const CHECKSUM_PREFIX_BYTES = '{"checksum":"sha256:'.length + 64 + 2;

/** What a hello's implementation is recorded as: the header names the writer instead. */
export const RECORDED_IMPLEMENTATION = { language: '*', name: '*', version: '*' } as const;
