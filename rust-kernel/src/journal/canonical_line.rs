//! Whether a journal line is exactly canonical JSON (RFC 8785), decided in one pass over its
//! bytes without building the value (twin of canonical-line.ts: the same grammar, the same
//! answer for the same bytes; fixtures/journals/canonical-lines.json holds the shared cases).
//! The checksum proves the bytes are the ones that were hashed, not that they are canonical,
//! so the full verify runs this on every record.

use crate::canonical::{is_unsafe_integer, number_text};
use crate::generated::protocol_edge::JSON_DEPTH_MAX;
use crate::generated::validate::utf16_cmp;

/// Integers of at most this many digits print as themselves (below 2^53, no exponent).
const PLAIN_DIGITS_MAX: usize = 15;

fn at(b: &[u8], i: usize) -> u8 {
    // Past the end reads as 0, which no rule accepts, so every check fails there.
    b.get(i).copied().unwrap_or(0)
}

fn is_lower_hex(c: u8) -> bool {
    c.is_ascii_digit() || (b'a'..=b'f').contains(&c)
}

/// End (after the closing quote) of the canonical string starting at `from`.
fn string_end(b: &[u8], from: usize) -> Option<usize> {
    let mut i = from + 1;
    while i < b.len() {
        let c = b[i];
        match c {
            b'"' => return Some(i + 1),
            0x00..=0x1f => return None,
            b'\\' => {
                let e = at(b, i + 1);
                if matches!(e, b'"' | b'\\' | b'b' | b'f' | b'n' | b'r' | b't') {
                    i += 2;
                } else if e == b'u' && at(b, i + 2) == b'0' && at(b, i + 3) == b'0' && is_lower_hex(at(b, i + 4)) && is_lower_hex(at(b, i + 5)) {
                    // Only control characters without a short escape are written as \u00xx.
                    let unit = u8::from_str_radix(std::str::from_utf8(&b[i + 4..i + 6]).ok()?, 16).ok()?;
                    if unit >= 0x20 || matches!(unit, 0x08 | 0x09 | 0x0a | 0x0c | 0x0d) {
                        return None;
                    }
                    i += 6;
                } else {
                    return None;
                }
            }
            _ => i += 1,
        }
    }
    None
}

fn digits_end(b: &[u8], mut i: usize) -> usize {
    while at(b, i).is_ascii_digit() {
        i += 1;
    }
    i
}

/// End of the canonical number starting at `from`.
fn number_end(b: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    if at(b, i) == b'-' {
        i += 1;
    }
    let int_from = i;
    match at(b, i) {
        b'0' => i += 1,
        b'1'..=b'9' => i = digits_end(b, i),
        _ => return None,
    }
    let int_digits = i - int_from;
    let mut plain = true;
    if at(b, i) == b'.' {
        plain = false;
        if !at(b, i + 1).is_ascii_digit() {
            return None;
        }
        i = digits_end(b, i + 1);
    }
    if matches!(at(b, i), b'e' | b'E') {
        plain = false;
        i += 1;
        if matches!(at(b, i), b'+' | b'-') {
            i += 1;
        }
        if !at(b, i).is_ascii_digit() {
            return None;
        }
        i = digits_end(b, i);
    }
    // A short integer is its own ECMAScript text; "-0" is not (it prints as 0).
    let negative_zero = at(b, from) == b'-' && at(b, int_from) == b'0' && int_digits == 1;
    if plain && int_digits <= PLAIN_DIGITS_MAX && !negative_zero {
        return Some(i);
    }
    let text = std::str::from_utf8(&b[from..i]).ok()?;
    let n: f64 = text.parse().ok()?;
    (n.is_finite() && !is_unsafe_integer(n) && number_text(n) == text).then_some(i)
}

/// Whether the quoted key b[from..to] sorts strictly after the quoted key b[p_from..p_to] (UTF-16 order).
fn key_after(b: &[u8], (p_from, p_to): (usize, usize), (from, to): (usize, usize)) -> bool {
    let simple = |x: &[u8]| x.iter().all(|&c| c != b'\\' && c < 0x80);
    let (prev, key) = (&b[p_from..p_to], &b[from..to]);
    if simple(prev) && simple(key) {
        return prev < key;
    }
    // Escapes or non-ASCII: compare the decoded strings by UTF-16 code units.
    match (serde_json::from_slice::<String>(prev), serde_json::from_slice::<String>(key)) {
        (Ok(p), Ok(k)) => utf16_cmp(&p, &k) == std::cmp::Ordering::Less,
        _ => false,
    }
}

/// One open container: an object (with its last key's span) or an array.
struct Frame {
    object: bool,
    last_key: Option<(usize, usize)>,
}

/// After `"key":` at `i` in `frame`: where the value starts (None: bad key, order or colon).
fn key_end(b: &[u8], i: usize, frame: &mut Frame) -> Option<usize> {
    if at(b, i) != b'"' {
        return None;
    }
    let end = string_end(b, i)?;
    if at(b, end) != b':' {
        return None;
    }
    if let Some(prev) = frame.last_key {
        if !key_after(b, prev, (i, end)) {
            return None;
        }
    }
    frame.last_key = Some((i, end));
    Some(end + 1)
}

/// One scalar value at `i`: its end (containers are opened by the caller).
fn scalar_end(b: &[u8], i: usize) -> Option<usize> {
    let literal = |word: &[u8]| b.get(i..i + word.len()).filter(|w| *w == word).map(|_| i + word.len());
    match at(b, i) {
        b'"' => string_end(b, i),
        b't' => literal(b"true"),
        b'f' => literal(b"false"),
        b'n' => literal(b"null"),
        b'-' | b'0'..=b'9' => number_end(b, i),
        _ => None,
    }
}

/// Whether `b` (one line without `\n`) is exactly the canonical JSON of an object.
pub fn is_canonical_line(b: &[u8]) -> bool {
    at(b, 0) == b'{' && std::str::from_utf8(b).is_ok() && canonical_value(b)
}

fn canonical_value(b: &[u8]) -> bool {
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    loop {
        // A value starts at `i`: open a container, or pass a scalar.
        let c = at(b, i);
        if c == b'{' || c == b'[' {
            let close = if c == b'{' { b'}' } else { b']' };
            i += 1;
            // Canonical JSON nests at most JSON_DEPTH_MAX deep (canonicalize refuses deeper values), empty containers too.
            if stack.len() >= JSON_DEPTH_MAX {
                return false;
            }
            if at(b, i) != close {
                let mut frame = Frame { object: c == b'{', last_key: None };
                if frame.object {
                    let Some(next) = key_end(b, i, &mut frame) else { return false };
                    i = next;
                }
                stack.push(frame);
                continue;
            }
            i += 1;
        } else {
            let Some(next) = scalar_end(b, i) else { return false };
            i = next;
        }
        // After a value: a comma (then the next key or element) or close the containers that end here.
        loop {
            let Some(top) = stack.last_mut() else { return i == b.len() };
            if at(b, i) == b',' {
                i += 1;
                if top.object {
                    let Some(next) = key_end(b, i, top) else { return false };
                    i = next;
                }
                break;
            }
            if at(b, i) != if top.object { b'}' } else { b']' } {
                return false;
            }
            i += 1;
            stack.pop();
        }
    }
}
