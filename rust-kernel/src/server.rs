//! The protocol server's I/O edge: buffered reads, one canonical response line per request
//! line, written in large writes and flushed whenever no further complete line is buffered.

use std::io::{self, Read, Write};

use crate::canonical::write_typed;
use crate::error::Error;
use crate::generated::types::{ErrorCode, ProtocolResponse};
use crate::json_line::{parse_line, LineFault};
use crate::limits::{JSON_DEPTH_MAX, LINE_BYTES_MAX};
use crate::session::Session;

/// Bytes read from stdin at a time.
const READ_CHUNK_BYTES: usize = 64 * 1024;

/// What answers a line: the kernel session, or (for the echo benchmark) anything else.
pub trait Responder {
    /// Appends the response line (with its `\n`) of line number `line`.
    fn respond(&mut self, text: Result<&str, LineTooLongOrUtf8>, line: u64, out: &mut Vec<u8>);
    /// Whether the session has ended (after bye): nothing more is read.
    fn ended(&self) -> bool;
    /// Runs before answered lines are written out (a journal commits its records here).
    fn commit(&mut self) {}
}

/// A line that has no text: too long, or not UTF-8.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineTooLongOrUtf8 {
    /// Longer than [`LINE_BYTES_MAX`].
    TooLong,
    /// Not UTF-8.
    NotUtf8,
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
            other => serde_json::to_value(other).ok().as_ref().and_then(crate::json_line::echo_seq),
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

/// Splits a byte stream into lines (on `\n`, one trailing `\r` removed, numbered from 1)
/// without buffering more than `LINE_BYTES_MAX + 1` bytes of one line.
struct LineSplitter {
    pending: Vec<u8>,
    discarding: bool,
    line_no: u64,
}

fn classify(bytes: &[u8]) -> Result<&str, LineTooLongOrUtf8> {
    let content = bytes.strip_suffix(b"\r").unwrap_or(bytes);
    if content.len() > LINE_BYTES_MAX {
        return Err(LineTooLongOrUtf8::TooLong);
    }
    std::str::from_utf8(content).map_err(|_| LineTooLongOrUtf8::NotUtf8)
}

/// Answers one line as [`serve`] answers every line it reads: `bytes` are the line without its
/// `\n` (one trailing `\r` is dropped; longer than [`LINE_BYTES_MAX`] is `LINE_TOO_LONG`, not
/// UTF-8 is `INVALID_UTF8`), `line` its number in the session (from 1). Appends the response
/// line, with its `\n`, to `out`. For callers that frame lines themselves (in-process tests):
/// the caller stops once [`Responder::ended`] is true, as [`serve`] does.
pub fn answer_line<R: Responder>(responder: &mut R, bytes: &[u8], line: u64, out: &mut Vec<u8>) {
    responder.respond(classify(bytes), line, out);
}

impl LineSplitter {
    fn answer<R: Responder>(&mut self, responder: &mut R, bytes: Option<&[u8]>, out: &mut Vec<u8>) {
        self.line_no += 1;
        match bytes {
            None => responder.respond(Err(LineTooLongOrUtf8::TooLong), self.line_no, out),
            Some(bytes) => answer_line(responder, bytes, self.line_no, out),
        }
    }

    fn keep(&mut self, bytes: &[u8]) {
        if bytes.is_empty() || self.discarding {
            return;
        }
        if self.pending.len() + bytes.len() > LINE_BYTES_MAX + 1 {
            self.pending = Vec::new();
            self.discarding = true;
            return;
        }
        self.pending.extend_from_slice(bytes);
    }

    fn take_pending<R: Responder>(&mut self, responder: &mut R, out: &mut Vec<u8>) {
        let pending = std::mem::take(&mut self.pending);
        let too_long = std::mem::replace(&mut self.discarding, false);
        self.answer(responder, if too_long { None } else { Some(&pending) }, out);
        if !too_long && pending.capacity() <= READ_CHUNK_BYTES * 4 {
            self.pending = pending;
            self.pending.clear();
        }
    }

    /// Feeds a chunk, answering every line it completes. Returns false once the responder ended.
    fn push<R: Responder>(&mut self, responder: &mut R, chunk: &[u8], out: &mut Vec<u8>) -> bool {
        let mut rest = chunk;
        while let Some(nl) = rest.iter().position(|&b| b == b'\n') {
            if responder.ended() {
                return false;
            }
            if self.pending.is_empty() && !self.discarding {
                self.answer(responder, Some(&rest[..nl]), out);
            } else {
                self.keep(&rest[..nl]);
                self.take_pending(responder, out);
            }
            rest = &rest[nl + 1..];
        }
        if responder.ended() {
            return false;
        }
        self.keep(rest);
        true
    }
}

/// Serves a session: reads `input` to its end (or to bye), writing responses to `output`.
pub fn serve<R: Responder>(responder: &mut R, input: &mut impl Read, output: &mut impl Write) -> io::Result<()> {
    let mut splitter = LineSplitter { pending: Vec::new(), discarding: false, line_no: 0 };
    let mut chunk = vec![0u8; READ_CHUNK_BYTES];
    let mut out: Vec<u8> = Vec::with_capacity(READ_CHUNK_BYTES * 4);
    loop {
        let read = match input.read(&mut chunk) {
            Ok(0) => {
                if (!splitter.pending.is_empty() || splitter.discarding) && !responder.ended() {
                    splitter.take_pending(responder, &mut out);
                }
                responder.commit();
                output.write_all(&out)?;
                return output.flush();
            }
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        let more = splitter.push(responder, &chunk[..read], &mut out);
        // Everything complete that was read is answered: write it before the next (possibly
        // blocking) read, so a peer waiting on a response never waits forever.
        responder.commit();
        output.write_all(&out)?;
        output.flush()?;
        out.clear();
        if !more {
            return Ok(());
        }
    }
}
