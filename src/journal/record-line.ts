// Journal lines as bytes: each is the canonical JSON of its record and `\n`. A chained record's
// keys all sort after "checksum", so its line is `{"checksum":"<sha256 of body>",` followed by
// the canonical body (the record without its checksum) minus the body's opening brace: one
// hash, no re-serialisation. The Rust twin is rust-kernel/src/journal/record_line.rs.
import { canonicalize } from '../canonical/index.js';
import { quoteString } from '../canonical/quote-string.js';
import { checksumOf } from './checksum.js';
import { CHECKSUM_PREFIX_BYTES } from './journal-format.js';

/** A finished line (with its `\n`) and the checksum it carries. */
export interface RecordLine {
  readonly line: string;
  readonly checksum: string;
}

/** Seals the canonical body of a chained record (keys after "checksum") into its line. */
export function sealBody(body: string): RecordLine {
  const checksum = checksumOf(body);
  return { line: `{"checksum":"${checksum}",${body.slice(1)}\n`, checksum };
}

/** The record's line from any record object whose keys sort after "checksum". */
export function recordLine(record: Readonly<Record<string, unknown>>): RecordLine {
  return sealBody(canonicalize(record));
}

/** The body (canonical JSON without the checksum) of a chained line (without its `\n`). */
export function bodyOfLine(line: string): string {
  return `{${line.slice(CHECKSUM_PREFIX_BYTES)}`;
}

/**
 * A step record: the request line (text as received) and the canonical response line (without
 * its `\n`), spliced in as they are: canonical JSON nests byte for byte.
 */
export function stepLine(index: number, previous: string, request: string, response: string): RecordLine {
  const quoted = quoteString(request) ?? JSON.stringify(request);
  return sealBody(`{"index":${index},"kind":"step","previous_checksum":"${previous}","request":${quoted},"response":${response}}`);
}

/** A line with no text (too long or not UTF-8) and its error response. */
export function lineFaultLine(index: number, previous: string, fault: string, response: string): RecordLine {
  return sealBody(`{"index":${index},"kind":"line_fault","previous_checksum":"${previous}","request_fault":"${fault}","response":${response}}`);
}

/** The header (line 0): checksummed alone, outside the chain. */
export function headerLine(header: Readonly<Record<string, unknown>>): RecordLine {
  return sealBody(canonicalize({ ...header, index: 0, kind: 'header' }));
}
