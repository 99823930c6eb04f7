//! Journal lines as bytes (twin of record-line.ts): a chained record's line is
//! `{"checksum":"<sha256 of body>",` and the canonical body minus its opening brace.

use crate::canonical::{write_string, write_value};
use crate::journal::checksum::checksum_of;
use serde_json::Value;

/// A finished line (with its `\n`) and the checksum it carries.
pub struct RecordLine {
    /// The line bytes, `\n` included.
    pub line: Vec<u8>,
    /// Its checksum.
    pub checksum: String,
}

/// Seals the canonical body of a chained record (keys after "checksum") into its line.
pub fn seal_body(body: &[u8]) -> RecordLine {
    let checksum = checksum_of(body);
    let mut line = Vec::with_capacity(body.len() + 90);
    line.extend_from_slice(b"{\"checksum\":\"");
    line.extend_from_slice(checksum.as_bytes());
    line.extend_from_slice(b"\",");
    line.extend_from_slice(&body[1..]);
    line.push(b'\n');
    RecordLine { line, checksum }
}

/// The line of a record given as a JSON object whose keys sort after "checksum".
pub fn record_line(record: &Value) -> RecordLine {
    let mut body = Vec::new();
    // Built from strings and integers only: nothing non-finite to refuse.
    let _ = write_value(&mut body, record);
    seal_body(&body)
}

fn links(body: &mut Vec<u8>, index: u64, kind: &str, previous: &str) {
    body.extend_from_slice(format!("{{\"index\":{index},\"kind\":\"{kind}\",\"previous_checksum\":\"{previous}\"").as_bytes());
}

/// A step record: the request line text and the canonical response line (without `\n`).
pub fn step_line(index: u64, previous: &str, request: &str, response: &[u8]) -> RecordLine {
    let mut body = Vec::with_capacity(request.len() + response.len() + 160);
    links(&mut body, index, "step", previous);
    body.extend_from_slice(b",\"request\":");
    write_string(&mut body, request);
    body.extend_from_slice(b",\"response\":");
    body.extend_from_slice(response);
    body.push(b'}');
    seal_body(&body)
}

/// A line without text (too long, not UTF-8) and its response.
pub fn line_fault_line(index: u64, previous: &str, fault: &str, response: &[u8]) -> RecordLine {
    let mut body = Vec::with_capacity(response.len() + 200);
    links(&mut body, index, "line_fault", previous);
    body.extend_from_slice(format!(",\"request_fault\":\"{fault}\",\"response\":").as_bytes());
    body.extend_from_slice(response);
    body.push(b'}');
    seal_body(&body)
}
