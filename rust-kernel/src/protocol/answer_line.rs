//! One line in, one canonical response line out (checks 1 to 12 of docs/protocol.md).

use crate::canonical::write_typed;
use crate::generated::types::{ErrorCode, ProtocolResponse};

use super::line_reader::{LineTooLongOrUtf8, classify};
use super::protocol_error::Error;
use super::read_request::{echo_seq, read_request};
use super::session::Session;

/// What answers a line: the kernel session, or (for the echo benchmark) anything else.
pub trait Responder {
    /// Appends the response line (with its `\n`) of line number `line`.
    fn respond(&mut self, text: Result<&str, LineTooLongOrUtf8>, line: u64, out: &mut Vec<u8>);
    /// Whether the session has ended (after bye): nothing more is read.
    fn ended(&self) -> bool;
    /// Runs before answered lines are written out (a journal commits its records here).
    fn commit(&mut self) {}
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
        let detail = format!("response not serialisable: {e}");
        let error = Error::new(ErrorCode::InternalError, "", &[("detail", &detail)]);
        if write_typed(out, &ProtocolResponse::ErrorResponse(error.into_response(line, seq))).is_err() {
            out.truncate(start);
            // Built from data alone (a fixed ASCII message, integers): it always serialises.
            let _ = write_typed(out, &ProtocolResponse::ErrorResponse(Error::fallback().into_response(line, seq)));
        }
    }
    out.push(b'\n');
}

impl Responder for Session {
    fn respond(&mut self, text: Result<&str, LineTooLongOrUtf8>, line: u64, out: &mut Vec<u8>) {
        let response = match text {
            Err(LineTooLongOrUtf8::TooLong) => ProtocolResponse::ErrorResponse(Error::new(ErrorCode::LineTooLong, "", &[]).into_response(line, None)),
            Err(LineTooLongOrUtf8::NotUtf8) => ProtocolResponse::ErrorResponse(Error::new(ErrorCode::InvalidUtf8, "", &[]).into_response(line, None)),
            Ok(text) => match read_request(text) {
                Err((error, seq)) => ProtocolResponse::ErrorResponse(error.into_response(line, seq)),
                Ok(request) => self.handle(request, line),
            },
        };
        write_response(&response, line, out);
    }

    fn ended(&self) -> bool {
        self.ended
    }
}

/// Answers one line as [`serve`] answers every line it reads: `bytes` are the line without its
/// `\n` (one trailing `\r` is dropped; longer than `LINE_BYTES_MAX` is `LINE_TOO_LONG`, not
/// UTF-8 is `INVALID_UTF8`), `line` its number in the session (from 1). Appends the response
/// line, with its `\n`, to `out`. For callers that frame lines themselves (in-process tests):
/// the caller stops once [`Responder::ended`] is true, as [`serve`] does.
pub fn answer_line<R: Responder>(responder: &mut R, bytes: &[u8], line: u64, out: &mut Vec<u8>) {
    responder.respond(classify(bytes), line, out);
}
