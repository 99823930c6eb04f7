//! The protocol server's I/O edge: buffered reads, one canonical response line per request
//! line, written in large writes and flushed whenever no further complete line is buffered.

use std::io::{self, Read, Write};

use super::answer_line::Responder;
use super::line_reader::{LineSplitter, READ_CHUNK_BYTES};

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
