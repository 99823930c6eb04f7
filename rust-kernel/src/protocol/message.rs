//! Error messages from the templates of `schemas/data/protocol.edge.json` (the twin of
//! `src/protocol/message.ts`): the table's own names are filled in by codegen, the values of a
//! line here, each cut by code points.

use crate::generated::protocol_edge::{error_template, LOCATED_LINE, LOCATED_LINE_PATH, LOCATED_MESSAGE};
use crate::generated::types::ErrorCode;

use crate::cut_text::cut_text;
use super::limits::{MESSAGE_CHARS_MAX, QUOTED_VALUE_CHARS_MAX};

/// `{detail}` is a whole sentence (bounded by the message bound); others are quoted values.
fn value_text(name: &str, value: &str) -> String {
    cut_text(value, if name == "detail" { MESSAGE_CHARS_MAX } else { QUOTED_VALUE_CHARS_MAX })
}

/// Fills `{name}` placeholders in one pass (a value that holds `{x}` is never filled again).
fn fill(template: &str, values: &[(&str, String)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let close = after.find('}');
        let name = close.map(|c| &after[..c]);
        match name.and_then(|n| values.iter().find(|(k, _)| *k == n)) {
            Some((_, value)) => {
                out.push_str(value);
                rest = &after[close.unwrap_or(0) + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The message of an error code, its values filled in.
pub fn error_message(code: ErrorCode, values: &[(&str, &str)]) -> String {
    let texts: Vec<(&str, String)> = values.iter().map(|(name, value)| (*name, value_text(name, value))).collect();
    fill(error_template(code), &texts)
}

/// The message with where it happened, cut to the message bound.
pub fn located_message(message: &str, line: u64, path: &str) -> String {
    let line = line.to_string();
    let place = if path.is_empty() {
        fill(LOCATED_LINE, &[("line", line)])
    } else {
        fill(LOCATED_LINE_PATH, &[("line", line), ("path", path.to_owned())])
    };
    cut_text(&fill(LOCATED_MESSAGE, &[("message", message.to_owned()), ("where", place)]), MESSAGE_CHARS_MAX)
}
