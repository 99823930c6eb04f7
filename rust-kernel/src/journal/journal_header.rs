//! The header (line 0): built by a writer, checked by a reader (twin of journal-header.ts).

use serde_json::{json, Map, Value};

use crate::canonical::write_value;
use crate::generated::contracts_hash::CONTRACTS_HASH;
use crate::journal::checksum::checksum_of;
use crate::journal::journal_format::JOURNAL_FORMAT;
use crate::journal::parent_run::ParentRun;
use crate::journal::record_line::{record_line, RecordLine};

/// Who writes the journal.
#[derive(Debug, Clone)]
pub struct HeaderOptions {
    /// Implementation name.
    pub name: String,
    /// Implementation version.
    pub version: String,
    /// Implementation language.
    pub language: String,
    /// Build id (None: `name@version+dev`).
    pub build_id: Option<String>,
    /// K.
    pub checkpoint_interval: u64,
    /// The run this journal continues (a new journal after a sealed one).
    pub parent_run: Option<ParentRun>,
}

fn canonical(value: &Value) -> Vec<u8> {
    let mut out = Vec::new();
    let _ = write_value(&mut out, value);
    out
}

/// SHA-256 over the canonical JSON of the settings that shape a journal's bytes.
pub fn config_hash(checkpoint_interval: u64) -> String {
    checksum_of(&canonical(&json!({ "checkpoint_interval": checkpoint_interval })))
}

/// The build id a writer names: the given one, else `name@version+dev`.
pub fn build_id_of(o: &HeaderOptions) -> String {
    o.build_id.clone().unwrap_or_else(|| format!("{}@{}+dev", o.name, o.version))
}

/// The header line.
pub fn build_header(o: &HeaderOptions) -> RecordLine {
    let build_id = build_id_of(o);
    let mut run = json!({
        "build_id": build_id,
        "checkpoint_interval": o.checkpoint_interval,
        "config_hash": config_hash(o.checkpoint_interval),
        "contracts_hash": CONTRACTS_HASH,
        "implementation": { "language": o.language, "name": o.name, "version": o.version },
    });
    if let Some(p) = &o.parent_run {
        run["parent_run"] = json!({ "build_id": p.build_id, "checksum": p.checksum, "index": p.index });
    }
    record_line(&json!({ "format": JOURNAL_FORMAT, "index": 0, "kind": "header", "run": run }))
}

/// The header's checkpoint interval, or why line 0 is not a header.
pub fn check_header(bytes: &[u8]) -> Result<(Map<String, Value>, u64), String> {
    let value: Value = serde_json::from_slice(bytes).map_err(|_| "line 0 is not JSON".to_owned())?;
    let Value::Object(h) = value else { return Err("line 0 is not an object".to_owned()) };
    let index_zero = h.get("index").and_then(Value::as_f64) == Some(0.0);
    if h.get("kind").and_then(Value::as_str) != Some("header") || !index_zero {
        return Err("line 0 is not a header (kind header, index 0)".to_owned());
    }
    if h.get("format").and_then(Value::as_str) != Some(JOURNAL_FORMAT) {
        return Err(format!("format is not {JOURNAL_FORMAT}"));
    }
    let whole = Value::Object(h.clone());
    if canonical(&whole) != bytes {
        return Err("header is not in canonical form".to_owned());
    }
    let mut body = h.clone();
    let checksum = body.remove("checksum");
    if checksum.as_ref().and_then(Value::as_str) != Some(checksum_of(&canonical(&Value::Object(body))).as_str()) {
        return Err("header checksum does not match its bytes".to_owned());
    }
    let interval = h.get("run").and_then(|r| r.get("checkpoint_interval")).and_then(Value::as_f64).unwrap_or(0.0);
    if interval.fract() != 0.0 || !(2.0..=1_048_576.0).contains(&interval) {
        return Err("run.checkpoint_interval is not an integer from 2 to 1048576".to_owned());
    }
    Ok((h, interval as u64))
}
