//! The server's hook into a journal (twin of journal-sink.ts): a responder that records each
//! answered line and commits before the server releases the answers.

use std::io;

use crate::generated::types::ErrorCode;
use crate::journal::journal_writer::JournalWriter;
use crate::protocol::answer_line::Responder;
use crate::protocol::line_reader::LineTooLongOrUtf8;

/// A responder whose every answer is journaled.
pub struct Journaled<R: Responder> {
    /// The session answering.
    pub inner: R,
    /// The journal.
    pub writer: JournalWriter,
}

fn fail(e: io::Error) -> ! {
    // A journal that cannot be written breaks its promise: stop before answering further.
    eprintln!("lockstep-kernel: journal write failed: {e}");
    std::process::exit(1);
}

impl<R: Responder> Responder for Journaled<R> {
    fn respond(&mut self, text: Result<&str, LineTooLongOrUtf8>, line: u64, out: &mut Vec<u8>) {
        let start = out.len();
        self.inner.respond(text, line, out);
        let end = if out.last() == Some(&b'\n') { out.len() - 1 } else { out.len() };
        let response = &out[start..end];
        let written = match text {
            Ok(request) => self.writer.append_step(request, response),
            Err(LineTooLongOrUtf8::TooLong) => self.writer.append_line_fault(ErrorCode::LineTooLong.as_str(), response),
            Err(LineTooLongOrUtf8::NotUtf8) => self.writer.append_line_fault(ErrorCode::InvalidUtf8.as_str(), response),
        };
        if let Err(e) = written {
            fail(e);
        }
    }

    fn ended(&self) -> bool {
        self.inner.ended()
    }

    fn commit(&mut self) {
        if let Err(e) = self.writer.commit() {
            fail(e);
        }
    }
}
