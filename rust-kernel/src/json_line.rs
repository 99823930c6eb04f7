//! Checks 3 to 7 of docs/protocol.md on one UTF-8 line: empty, JSON syntax (with lone surrogate
//! escapes), depth, numbers out of range, forbidden keys; then numbers normalised so that serde
//! reads them as JavaScript would.
//!
//! A line serde_json accepts is checked by one walk over its value. A line it refuses (syntax,
//! lone surrogate, a number out of range, or deeper than its own recursion limit of 128) is
//! classified by a syntax scanner with an explicit stack (no recursion, no allocation per value),
//! so an 8 MiB line of `[` neither overflows the stack nor hides which check failed first.

use serde_json::{Map, Number, Value};

use crate::canonical::{needs_utf16_sort, sorted_keys};
use crate::limits::{FORBIDDEN_KEYS, JSON_DEPTH_MAX, SAFE_INTEGER_MAX};

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

fn is_ws(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\n' | b'\r')
}

struct Scanner<'b> {
    bytes: &'b [u8],
    pos: usize,
    depth_exceeded: bool,
    out_of_range: bool,
    /// The last top-level `seq` member: `Some(number)` or `None` for a non-number.
    seq: Option<Option<f64>>,
}

type Scan<T> = Result<T, (usize, &'static str)>;

impl<'b> Scanner<'b> {
    fn ws(&mut self) {
        while self.pos < self.bytes.len() && is_ws(self.bytes[self.pos]) {
            self.pos += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn fail<T>(&self, what: &'static str) -> Scan<T> {
        Err((self.pos, what))
    }

    fn hex4(&mut self) -> Scan<u32> {
        let Some(digits) = self.bytes.get(self.pos..self.pos + 4) else {
            return self.fail("truncated \\u escape");
        };
        let mut code = 0u32;
        for &d in digits {
            let v = match d {
                b'0'..=b'9' => d - b'0',
                b'a'..=b'f' => d - b'a' + 10,
                b'A'..=b'F' => d - b'A' + 10,
                _ => return self.fail("bad \\u escape"),
            };
            code = code * 16 + u32::from(v);
        }
        self.pos += 4;
        Ok(code)
    }

    /// A string starting at `"`; returns the raw bytes between the quotes.
    fn string(&mut self) -> Scan<&'b [u8]> {
        self.pos += 1;
        let start = self.pos;
        loop {
            let Some(byte) = self.peek() else { return self.fail("unterminated string") };
            match byte {
                b'"' => {
                    self.pos += 1;
                    return Ok(&self.bytes[start..self.pos - 1]);
                }
                b'\\' => {
                    self.pos += 1;
                    match self.peek() {
                        Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => self.pos += 1,
                        Some(b'u') => {
                            self.pos += 1;
                            let code = self.hex4()?;
                            if (0xdc00..=0xdfff).contains(&code) {
                                return self.fail("lone surrogate escape");
                            }
                            if (0xd800..=0xdbff).contains(&code) {
                                if self.bytes.get(self.pos..self.pos + 2) != Some(b"\\u") {
                                    return self.fail("lone surrogate escape");
                                }
                                self.pos += 2;
                                let low = self.hex4()?;
                                if !(0xdc00..=0xdfff).contains(&low) {
                                    return self.fail("lone surrogate escape");
                                }
                            }
                        }
                        _ => return self.fail("bad escape"),
                    }
                }
                0x00..=0x1f => return self.fail("control character in string"),
                _ => self.pos += 1,
            }
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.pos += 1;
        }
        self.pos - start
    }

    fn number(&mut self) -> Scan<f64> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return self.fail("bad number"),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if self.digits() == 0 {
                return self.fail("bad fraction");
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if self.digits() == 0 {
                return self.fail("bad exponent");
            }
        }
        let text = std::str::from_utf8(&self.bytes[start..self.pos]).unwrap_or("0");
        let value: f64 = text.parse().unwrap_or(f64::INFINITY);
        if value.is_infinite() {
            self.out_of_range = true;
        }
        Ok(value)
    }

    fn literal(&mut self, word: &'static [u8]) -> Scan<()> {
        if self.bytes.get(self.pos..self.pos + word.len()) == Some(word) {
            self.pos += word.len();
            Ok(())
        } else {
            self.fail("unexpected character")
        }
    }

    /// An object key (at `"`), the colon, and the whitespace before the value.
    fn key(&mut self, stack: &[u8]) -> Scan<bool> {
        if self.peek() != Some(b'"') {
            return self.fail("expected a string key");
        }
        let raw = self.string()?;
        let is_seq = stack.len() == 1 && (raw == b"seq" || (raw.contains(&b'\\') && decode_key(raw).as_deref() == Some("seq")));
        self.ws();
        if self.peek() != Some(b':') {
            return self.fail("expected ':'");
        }
        self.pos += 1;
        self.ws();
        Ok(is_seq)
    }

    fn run(&mut self) -> Scan<()> {
        let mut stack: Vec<u8> = Vec::new();
        self.ws();
        let mut seq_value_next = false;
        loop {
            // A value at self.pos.
            let is_seq = std::mem::take(&mut seq_value_next);
            if is_seq {
                // Any value but a number leaves nothing to echo (the last `seq` member wins).
                self.seq = Some(None);
            }
            let mut closed_scalar = true;
            match self.peek() {
                Some(b'{') => {
                    self.pos += 1;
                    stack.push(b'{');
                    self.depth_exceeded |= stack.len() > JSON_DEPTH_MAX;
                    self.ws();
                    if self.peek() == Some(b'}') {
                        self.pos += 1;
                        stack.pop();
                    } else {
                        seq_value_next = self.key(&stack)?;
                        closed_scalar = false;
                    }
                }
                Some(b'[') => {
                    self.pos += 1;
                    stack.push(b'[');
                    self.depth_exceeded |= stack.len() > JSON_DEPTH_MAX;
                    self.ws();
                    if self.peek() == Some(b']') {
                        self.pos += 1;
                        stack.pop();
                    } else {
                        closed_scalar = false;
                    }
                }
                Some(b'"') => {
                    self.string()?;
                }
                Some(b'-' | b'0'..=b'9') => {
                    let value = self.number()?;
                    if is_seq {
                        self.seq = Some(Some(value));
                    }
                }
                Some(b't') => self.literal(b"true")?,
                Some(b'f') => self.literal(b"false")?,
                Some(b'n') => self.literal(b"null")?,
                _ => return self.fail("expected a JSON value"),
            }
            if !closed_scalar {
                continue;
            }
            // After a complete value: close containers or move to the next element.
            loop {
                self.ws();
                match stack.last() {
                    None => {
                        return if self.pos == self.bytes.len() { Ok(()) } else { self.fail("text after the JSON value") };
                    }
                    Some(b'[') => match self.peek() {
                        Some(b',') => {
                            self.pos += 1;
                            self.ws();
                            break;
                        }
                        Some(b']') => {
                            self.pos += 1;
                            stack.pop();
                        }
                        _ => return self.fail("expected ',' or ']'"),
                    },
                    Some(_) => match self.peek() {
                        Some(b',') => {
                            self.pos += 1;
                            self.ws();
                            seq_value_next = self.key(&stack)?;
                            break;
                        }
                        Some(b'}') => {
                            self.pos += 1;
                            stack.pop();
                        }
                        _ => return self.fail("expected ',' or '}'"),
                    },
                }
            }
        }
    }
}

fn decode_key(raw: &[u8]) -> Option<String> {
    let mut quoted = Vec::with_capacity(raw.len() + 2);
    quoted.push(b'"');
    quoted.extend_from_slice(raw);
    quoted.push(b'"');
    serde_json::from_slice(&quoted).ok()
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

/// One pass over a parsed value: depth, any forbidden key, numbers normalised.
struct Walk {
    depth_exceeded: bool,
    forbidden: bool,
}

impl Walk {
    fn visit(&mut self, value: &mut Value, depth: usize) {
        match value {
            Value::Number(number) => normalize_number(number),
            Value::Array(items) => {
                if depth > JSON_DEPTH_MAX {
                    self.depth_exceeded = true;
                    return;
                }
                for item in items {
                    self.visit(item, depth + 1);
                }
            }
            Value::Object(map) => {
                if depth > JSON_DEPTH_MAX {
                    self.depth_exceeded = true;
                    return;
                }
                for (key, item) in map.iter_mut() {
                    self.forbidden |= FORBIDDEN_KEYS.contains(&key.as_str());
                    self.visit(item, depth + 1);
                }
            }
            _ => {}
        }
    }
}

/// One step of the path to a forbidden key, borrowed from the value (no allocation while
/// searching: the pointer is built only when a key is found).
enum Step<'v> {
    Key(&'v str),
    Index(usize),
}

/// JSON pointer of the first forbidden key, depth first, each object's keys in UTF-16 order.
pub fn first_forbidden_key(value: &Value) -> Option<String> {
    fn search<'v>(value: &'v Value, path: &mut Vec<Step<'v>>) -> bool {
        match value {
            Value::Array(items) => {
                for (index, item) in items.iter().enumerate() {
                    path.push(Step::Index(index));
                    if search(item, path) {
                        return true;
                    }
                    path.pop();
                }
                false
            }
            Value::Object(map) => search_object(map, path),
            _ => false,
        }
    }
    fn search_object<'v>(map: &'v Map<String, Value>, path: &mut Vec<Step<'v>>) -> bool {
        if map.keys().any(|key| needs_utf16_sort(key)) {
            sorted_keys(map).into_iter().any(|key| visit(key, &map[key.as_str()], path))
        } else {
            // serde_json's map order (UTF-8 bytes) is the UTF-16 order for these keys.
            map.iter().any(|(key, item)| visit(key, item, path))
        }
    }
    fn visit<'v>(key: &'v str, item: &'v Value, path: &mut Vec<Step<'v>>) -> bool {
        path.push(Step::Key(key));
        if FORBIDDEN_KEYS.contains(&key) || search(item, path) {
            return true;
        }
        path.pop();
        false
    }
    let mut path = Vec::new();
    if !search(value, &mut path) {
        return None;
    }
    let mut pointer = String::new();
    for step in path {
        pointer.push('/');
        match step {
            Step::Key(key) => pointer.push_str(&key.replace('~', "~0").replace('/', "~1")),
            Step::Index(index) => pointer.push_str(&index.to_string()),
        }
    }
    Some(pointer)
}

/// Numbers as JavaScript holds them: every number is a binary64. Integral values within
/// 2^53 become serde integers (so `1.0` reads as the integer 1, as in JS); integers beyond it
/// become the binary64 JS would hold; `-0` becomes `0` (no rule can tell them apart: both print
/// as `0` and the kernel never divides by an input).
pub fn normalize_numbers(value: &mut Value) {
    match value {
        Value::Number(number) => normalize_number(number),
        Value::Array(items) => items.iter_mut().for_each(normalize_numbers),
        Value::Object(map) => map.values_mut().for_each(normalize_numbers),
        _ => {}
    }
}

fn normalize_number(number: &mut Number) {
    let exact_int = number.is_u64() || number.is_i64();
    let Some(float) = number.as_f64() else { return };
    if float.fract() == 0.0 && float.abs() <= SAFE_INTEGER_MAX + 1.0 {
        if !exact_int || float == 0.0 {
            *number = if float >= 0.0 { Number::from(float.abs() as u64) } else { Number::from(float as i64) };
        }
    } else if exact_int {
        if let Some(as_float) = Number::from_f64(float) {
            *number = as_float;
        }
    }
}
