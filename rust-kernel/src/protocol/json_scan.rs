//! A syntax scanner with an explicit stack (no recursion, no allocation per value) for lines
//! serde_json refuses: it names the first failing check (syntax, depth, numbers) and finds the
//! seq to echo, so an 8 MiB line of `[` neither overflows the stack nor hides which check failed.

use super::limits::JSON_DEPTH_MAX;

pub(crate) fn is_ws(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\n' | b'\r')
}

pub(crate) struct Scanner<'b> {
    pub(crate) bytes: &'b [u8],
    pub(crate) pos: usize,
    pub(crate) depth_exceeded: bool,
    pub(crate) out_of_range: bool,
    /// The last top-level `seq` member: `Some(number)` or `None` for a non-number.
    pub(crate) seq: Option<Option<f64>>,
}

pub(crate) type Scan<T> = Result<T, (usize, &'static str)>;

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

    pub(crate) fn run(&mut self) -> Scan<()> {
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
