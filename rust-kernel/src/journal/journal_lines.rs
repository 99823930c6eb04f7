//! Reading a journal file as complete lines without holding it in memory (twin of journal-lines.ts).

use std::fs::File;
use std::io;
use std::os::unix::fs::FileExt;

use crate::journal::journal_format::JOURNAL_LINE_BYTES_MAX;

/// Bytes read at a time.
pub const READ_CHUNK_BYTES: u64 = 1 << 20;

/// Reads `length` bytes at `offset` (fewer at the end of the file).
pub fn read_at(file: &File, offset: u64, length: u64) -> io::Result<Vec<u8>> {
    let mut out = vec![0u8; length as usize];
    let mut got = 0usize;
    while got < out.len() {
        let n = file.read_at(&mut out[got..], offset + got as u64)?;
        if n == 0 {
            break;
        }
        got += n;
    }
    out.truncate(got);
    Ok(out)
}

/// Offset just after the last `\n` before `size` (0 when there is none).
pub fn torn_start(file: &File, size: u64) -> io::Result<u64> {
    let mut end = size;
    while end > 0 {
        let start = end.saturating_sub(READ_CHUNK_BYTES);
        let chunk = read_at(file, start, end - start)?;
        if let Some(nl) = chunk.iter().rposition(|&b| b == b'\n') {
            return Ok(start + nl as u64 + 1);
        }
        end = start;
    }
    Ok(0)
}

/// Calls `visit` for each complete line in [from, to) (None when too long); stops when it returns false.
pub fn for_each_line(file: &File, from: u64, to: u64, mut visit: impl FnMut(Option<&[u8]>, u64) -> bool) -> io::Result<()> {
    let mut pending: Vec<u8> = Vec::new();
    let mut too_long = false;
    let mut line_start = from;
    let mut at = from;
    while at < to {
        let chunk = read_at(file, at, READ_CHUNK_BYTES.min(to - at))?;
        if chunk.is_empty() {
            return Ok(());
        }
        let mut start = 0usize;
        while let Some(rel) = chunk[start..].iter().position(|&b| b == b'\n') {
            let nl = start + rel;
            let piece = &chunk[start..nl];
            let keep = if too_long || pending.len() + piece.len() > JOURNAL_LINE_BYTES_MAX {
                visit(None, line_start)
            } else if pending.is_empty() {
                visit(Some(piece), line_start)
            } else {
                pending.extend_from_slice(piece);
                visit(Some(&pending), line_start)
            };
            if !keep {
                return Ok(());
            }
            pending.clear();
            too_long = false;
            start = nl + 1;
            line_start = at + start as u64;
        }
        let rest = &chunk[start..];
        if !too_long && pending.len() + rest.len() <= JOURNAL_LINE_BYTES_MAX {
            pending.extend_from_slice(rest);
        } else {
            too_long = true;
            pending.clear();
        }
        at += chunk.len() as u64;
    }
    Ok(())
}
