//! Checks 3 to 8 of docs/protocol.md on one UTF-8 line: empty, JSON syntax (with lone surrogate
//! escapes), depth, numbers out of range, forbidden keys (numbers then normalised so that serde
//! reads them as JavaScript would), and the schema; the same split as `read-request.ts`.
//!
//! A line serde_json accepts is checked by one walk over its value. A line it refuses (syntax,
//! lone surrogate, a number out of range, or deeper than its own recursion limit of 128) is
//! classified by a syntax scanner with an explicit stack (no recursion, no allocation per value),
//! so an 8 MiB line of `[` neither overflows the stack nor hides which check failed first.

use serde::Deserialize;
use serde_json::Value;

use crate::generated::types::{ErrorCode, ProtocolRequest};
use crate::generated::validate::validate_protocol_request;

use super::json_scan::{is_ws, Scanner};
use super::json_walk::{Walk, first_forbidden_key};
use super::limits::SAFE_INTEGER_MAX;
use super::protocol_error::Error;

/// Why a line is not an acceptable JSON request value (checks 3 to 7).
#[derive(Debug, Clone, PartialEq)]
pub enum LineFault {
    /// Empty or only JSON whitespace.
    Empty,
    /// Not one JSON value, or a string with a lone surrogate escape; the byte offset.
    InvalidJson(usize, &'static str),
    /// Nesting deeper than [`JSON_DEPTH_MAX`]; the seq to echo.
    DepthExceeded(Option<u64>),
    /// A number outside binary64 range; the seq to echo.
    NumberOutOfRange(Option<u64>),
    /// A forbidden key: its JSON pointer and the seq to echo.
    ForbiddenKey(String, Option<u64>),
}

/// The seq to echo for a number seen as the top-level `seq`: an integer in [0, 2^53 - 1].
pub fn echo_number(value: f64) -> Option<u64> {
    (value.fract() == 0.0 && (0.0..=SAFE_INTEGER_MAX).contains(&value)).then_some(value as u64)
}

/// The seq to echo from a parsed line.
pub fn echo_seq(value: &Value) -> Option<u64> {
    value.as_object()?.get("seq")?.as_f64().and_then(echo_number)
}

/// Checks 3 to 7 of one line; the parsed, normalised value when they all pass.
///
/// Fast path: serde_json parses the line (it accepts exactly RFC 8259 text, refuses lone
/// surrogate escapes and out-of-range numbers, and stops at 128 levels); one walk over the
/// value then checks depth and forbidden keys and normalises numbers. Only a line serde_json
/// refuses goes through the scanner, which names the first failing check in protocol order
/// (syntax before depth before numbers) and finds the seq to echo without building a value.
pub fn parse_line(text: &str) -> Result<Value, LineFault> {
    let bytes = text.as_bytes();
    if bytes.iter().all(|&b| is_ws(b)) {
        return Err(LineFault::Empty);
    }
    let Ok(mut value) = serde_json::from_slice::<Value>(bytes) else {
        return Err(classify_refused(bytes));
    };
    let mut walk = Walk { depth_exceeded: false, forbidden: false };
    walk.visit(&mut value, 1);
    if walk.depth_exceeded {
        return Err(LineFault::DepthExceeded(echo_seq(&value)));
    }
    if walk.forbidden {
        let path = first_forbidden_key(&value).unwrap_or_default();
        return Err(LineFault::ForbiddenKey(path, echo_seq(&value)));
    }
    Ok(value)
}

/// The fault of a line serde_json refused, by the scanner.
fn classify_refused(bytes: &[u8]) -> LineFault {
    let mut scanner = Scanner { bytes, pos: 0, depth_exceeded: false, out_of_range: false, seq: None };
    if let Err((pos, what)) = scanner.run() {
        return LineFault::InvalidJson(pos, what);
    }
    let seq = scanner.seq.flatten().and_then(echo_number);
    if scanner.depth_exceeded {
        return LineFault::DepthExceeded(seq);
    }
    if scanner.out_of_range {
        return LineFault::NumberOutOfRange(seq);
    }
    // The scanner accepts what serde_json refused: not expected; still never a crash.
    LineFault::InvalidJson(0, "not one JSON value")
}

/// The error of a line fault, with the seq to echo.
pub fn fault_error(fault: LineFault) -> (Error, Option<u64>) {
    match fault {
        LineFault::Empty => (Error::new(ErrorCode::EmptyLine, "", &[]), None),
        LineFault::InvalidJson(pos, what) => (Error::new(ErrorCode::InvalidJson, "", &[("detail", &format!("{what} at byte {pos}"))]), None),
        LineFault::DepthExceeded(seq) => (Error::new(ErrorCode::DepthLimitExceeded, "", &[]), seq),
        LineFault::NumberOutOfRange(seq) => (Error::new(ErrorCode::NumberOutOfRange, "", &[]), seq),
        LineFault::ForbiddenKey(path, seq) => (Error::new(ErrorCode::ForbiddenKey, path, &[]), seq),
    }
}

/// Checks 3 to 8 of one line: the request, or the error with the seq to echo.
pub fn read_request(text: &str) -> Result<ProtocolRequest, (Error, Option<u64>)> {
    let value = parse_line(text).map_err(fault_error)?;
    let seq = echo_seq(&value);
    if let Err(error) = validate_protocol_request(&value) {
        return Err((Error::schema(error.pointer(), error.keyword, &error.message), seq));
    }
    // The owned value moves its strings into the request instead of copying them.
    ProtocolRequest::deserialize(value).map_err(|e| {
        let detail = format!("schema-valid request not readable: {e}");
        (Error::new(ErrorCode::InternalError, "", &[("detail", &detail)]), seq)
    })
}
