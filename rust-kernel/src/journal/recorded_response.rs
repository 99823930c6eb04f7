//! What a step record holds as its response (twin of recorded-response.ts): the canonical
//! response line, with a hello's implementation recorded as `*`.

use crate::canonical::write_value;
use crate::journal::journal_format::RECORDED_IMPLEMENTATION_TEXT;
use serde_json::{json, Value};
use std::borrow::Cow;

const HELLO_PREFIX: &[u8] = b"{\"capabilities\":";

/// The recorded form of a canonical response line (without its `\n`).
pub fn recorded_response(response: &[u8]) -> Cow<'_, [u8]> {
    if !response.starts_with(HELLO_PREFIX) {
        return Cow::Borrowed(response);
    }
    let Ok(mut value) = serde_json::from_slice::<Value>(response) else { return Cow::Borrowed(response) };
    let is_hello = value.get("op").and_then(Value::as_str) == Some("hello") && value.get("implementation").is_some_and(Value::is_object);
    if !is_hello {
        return Cow::Borrowed(response);
    }
    let star = RECORDED_IMPLEMENTATION_TEXT;
    value["implementation"] = json!({ "language": star, "name": star, "version": star });
    let mut out = Vec::with_capacity(response.len());
    let _ = write_value(&mut out, &value);
    Cow::Owned(out)
}
