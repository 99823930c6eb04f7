//! One line in, one canonical response line out (checks 1 to 12 of docs/protocol.md).

use crate::canonical::write_typed;
use crate::generated::types::{ErrorCode, ProtocolResponse};

use super::limits::{JSON_DEPTH_MAX, LINE_BYTES_MAX};
use super::line_reader::{LineTooLongOrUtf8, classify};
use super::protocol_error::Error;
use super::read_request::{LineFault, echo_seq, parse_line};
use super::session::Session;

/// What answers a line: the kernel session, or (for the echo benchmark) anything else.
pub trait Responder {
    /// Appends the response line (with its `\n`) of line number `line`.
    fn respond(&mut self, text: Result<&str, LineTooLongOrUtf8>, line: u64, out: &mut Vec<u8>);
    /// Whether the session has ended (after bye): nothing more is read.
    fn ended(&self) -> bool;
}

/// The error response of a line fault.
pub fn fault_error(fault: LineFault) -> (Error, Option<u64>) {
    match fault {
        LineFault::Empty => (Error::new(ErrorCode::EmptyLine, "", "empty line"), None),
        LineFault::InvalidJson(pos, what) => (Error::new(ErrorCode::InvalidJson, "", format!("not one JSON value: {what} at byte {pos}")), None),
        LineFault::DepthExceeded(seq) => {
            (Error::new(ErrorCode::DepthLimitExceeded, "", format!("nesting is deeper than json_depth_max = {JSON_DEPTH_MAX}")), seq)
        }
        LineFault::NumberOutOfRange(seq) => (Error::new(ErrorCode::NumberOutOfRange, "", "a number is outside the binary64 range"), seq),
        LineFault::ForbiddenKey(path, seq) => {
            (Error::new(ErrorCode::ForbiddenKey, path, "object key is forbidden (__proto__, constructor, prototype)"), seq)
        }
    }
}

/// Writes one response as a canonical line; an unserialisable response (a non-finite number
/// from a kernel bug) becomes an INTERNAL_ERROR, never a crash.
pub fn write_response(response: &ProtocolResponse, line: u64, out: &mut Vec<u8>) {
    let start = out.len();
    if let Err(e) = write_typed(out, response) {
        out.truncate(start);
        let seq = match response {
            ProtocolResponse::ErrorResponse(x) => x.seq,
            other => serde_json::to_value(other).ok().as_ref().and_then(echo_seq),
        };
        let error = Error::new(ErrorCode::InternalError, "", format!("response not serialisable: {e}"));
        let fallback = ProtocolResponse::ErrorResponse(error.into_response(line, seq));
        if write_typed(out, &fallback).is_err() {
            out.truncate(start);
        }
    }
    out.push(b'\n');
}

impl Responder for Session {
    fn respond(&mut self, text: Result<&str, LineTooLongOrUtf8>, line: u64, out: &mut Vec<u8>) {
        let response = match text {
            Err(LineTooLongOrUtf8::TooLong) => ProtocolResponse::ErrorResponse(
                Error::new(ErrorCode::LineTooLong, "", format!("line is longer than line_bytes_max = {LINE_BYTES_MAX} bytes")).into_response(line, None),
            ),
            Err(LineTooLongOrUtf8::NotUtf8) => {
                ProtocolResponse::ErrorResponse(Error::new(ErrorCode::InvalidUtf8, "", "line is not valid UTF-8").into_response(line, None))
            }
            Ok(text) => match parse_line(text) {
                Err(fault) => {
                    let (error, seq) = fault_error(fault);
                    ProtocolResponse::ErrorResponse(error.into_response(line, seq))
                }
                Ok(value) => self.handle_value(value, line),
            },
        };
        write_response(&response, line, out);
    }

    fn ended(&self) -> bool {
        self.ended
    }
}

/// Answers one line as [`serve`] answers every line it reads: `bytes` are the line without its
/// `\n` (one trailing `\r` is dropped; longer than [`LINE_BYTES_MAX`] is `LINE_TOO_LONG`, not
/// UTF-8 is `INVALID_UTF8`), `line` its number in the session (from 1). Appends the response
/// line, with its `\n`, to `out`. For callers that frame lines themselves (in-process tests):
/// the caller stops once [`Responder::ended`] is true, as [`serve`] does.
pub fn answer_line<R: Responder>(responder: &mut R, bytes: &[u8], line: u64, out: &mut Vec<u8>) {
    responder.respond(classify(bytes), line, out);
}
