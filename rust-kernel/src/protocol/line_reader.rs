//! Splits a byte stream into lines and classifies each: too long, not UTF-8, or its text.

use super::answer_line::{Responder, answer_line};
use super::limits::LINE_BYTES_MAX;

/// Bytes read from stdin at a time.
pub(crate) const READ_CHUNK_BYTES: usize = 64 * 1024;

/// A line that has no text: too long, or not UTF-8.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineTooLongOrUtf8 {
    /// Longer than [`LINE_BYTES_MAX`].
    TooLong,
    /// Not UTF-8.
    NotUtf8,
}

/// Splits a byte stream into lines (on `\n`, one trailing `\r` removed, numbered from 1)
/// without buffering more than `LINE_BYTES_MAX + 1` bytes of one line.
pub(crate) struct LineSplitter {
    pub(crate) pending: Vec<u8>,
    pub(crate) discarding: bool,
    pub(crate) line_no: u64,
}

pub(crate) fn classify(bytes: &[u8]) -> Result<&str, LineTooLongOrUtf8> {
    let content = bytes.strip_suffix(b"\r").unwrap_or(bytes);
    if content.len() > LINE_BYTES_MAX {
        return Err(LineTooLongOrUtf8::TooLong);
    }
    std::str::from_utf8(content).map_err(|_| LineTooLongOrUtf8::NotUtf8)
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

    pub(crate) fn take_pending<R: Responder>(&mut self, responder: &mut R, out: &mut Vec<u8>) {
        let pending = std::mem::take(&mut self.pending);
        let too_long = std::mem::replace(&mut self.discarding, false);
        self.answer(responder, if too_long { None } else { Some(&pending) }, out);
        if !too_long && pending.capacity() <= READ_CHUNK_BYTES * 4 {
            self.pending = pending;
            self.pending.clear();
        }
    }

    /// Feeds a chunk, answering every line it completes. Returns false once the responder ended.
    pub(crate) fn push<R: Responder>(&mut self, responder: &mut R, chunk: &[u8], out: &mut Vec<u8>) -> bool {
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
