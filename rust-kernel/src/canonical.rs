//! Canonical JSON (RFC 8785): sorted keys (UTF-16 code units), ECMAScript number text, one formatter.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::Formatter;
use serde_json::{Map, Value};

use crate::generated::protocol_edge::SAFE_INTEGER_MAX;
use crate::generated::validate::utf16_cmp;

/// ECMAScript `Number.prototype.toString` of a number: the JCS number format
/// (`1e+21`, `1e-7`, `-0` -> `0`; `NaN` and `Infinity` as JS spells them, for diagnostics).
pub fn number_text(value: f64) -> String {
    if value.is_nan() {
        return "NaN".to_owned();
    }
    if value.is_infinite() {
        return if value > 0.0 { "Infinity" } else { "-Infinity" }.to_owned();
    }
    let mut digits = [0u8; 20];
    format_number(value, &mut ryu_js::Buffer::new(), &mut digits).to_owned()
}

/// Numbers canonical JSON refuses besides NaN and Infinity, as the TypeScript canonicalize does:
/// beyond 2^53-1 and below 1e21 a number prints as a plain integer that a reader cannot get back
/// exactly (from 1e21 on, ECMAScript prints the exponent form, which says it is a float).
pub fn is_unsafe_integer(value: f64) -> bool {
    const EXPONENT_FORM_FROM: f64 = 1e21;
    value.abs() > SAFE_INTEGER_MAX && value.abs() < EXPONENT_FORM_FROM
}

/// A finite number in ECMAScript form. Integral values below 2^53 (sizes, timestamps, zeros:
/// most numbers of a response) are written digit by digit, which prints exactly what the
/// shortest round-trip algorithm prints for them; everything else goes through ryu-js.
fn format_number<'b>(value: f64, buffer: &'b mut ryu_js::Buffer, digits: &'b mut [u8; 20]) -> &'b str {
    if value.fract() == 0.0 && value.abs() <= SAFE_INTEGER_MAX {
        let negative = value < 0.0;
        let mut rest = value.abs() as u64;
        let mut at = digits.len();
        loop {
            at -= 1;
            digits[at] = b'0' + (rest % 10) as u8;
            rest /= 10;
            if rest == 0 {
                break;
            }
        }
        if negative {
            at -= 1;
            digits[at] = b'-';
        }
        return std::str::from_utf8(&digits[at..]).unwrap_or("0");
    }
    buffer.format_finite(value)
}

/// A serde_json formatter that writes numbers as ECMAScript does. Our output types declare
/// their fields in canonical key order, so with this formatter serde_json writes RFC 8785 bytes.
/// Absent optional fields are skipped, never `null`: `write_null` is only reached for a
/// non-finite f64 (serde_json turns NaN and Infinity into null), which canonical JSON forbids,
/// so it fails instead.
pub struct JcsFormatter;

impl Formatter for JcsFormatter {
    fn write_f64<W: ?Sized + Write>(&mut self, writer: &mut W, value: f64) -> io::Result<()> {
        if is_unsafe_integer(value) {
            return Err(io::Error::new(io::ErrorKind::InvalidData, format!("the integer {} is beyond 2^53-1 and would be rounded (UNSAFE_INTEGER)", number_text(value))));
        }
        let mut digits = [0u8; 20];
        writer.write_all(format_number(value, &mut ryu_js::Buffer::new(), &mut digits).as_bytes())
    }

    fn write_f32<W: ?Sized + Write>(&mut self, writer: &mut W, value: f32) -> io::Result<()> {
        self.write_f64(writer, f64::from(value))
    }

    fn write_null<W: ?Sized + Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        Err(io::Error::new(io::ErrorKind::InvalidData, "non-finite number in canonical JSON output"))
    }
}

/// Appends the canonical JSON of a typed value (whose fields are in canonical order) to `out`.
pub fn write_typed<T: Serialize>(out: &mut Vec<u8>, value: &T) -> Result<(), serde_json::Error> {
    let mut serializer = serde_json::Serializer::with_formatter(&mut *out, JcsFormatter);
    value.serialize(&mut serializer)
}

/// The canonical JSON text of a typed value.
pub fn typed_to_string<T: Serialize>(value: &T) -> Result<String, serde_json::Error> {
    let mut out = Vec::new();
    write_typed(&mut out, value)?;
    Ok(String::from_utf8(out).unwrap_or_default())
}

/// Appends a JSON string literal with RFC 8785 escaping (the short escapes, other control
/// characters as lowercase `\u00xx`, everything else literal).
pub fn write_string(out: &mut Vec<u8>, text: &str) {
    out.push(b'"');
    let bytes = text.as_bytes();
    let mut start = 0;
    for (index, &byte) in bytes.iter().enumerate() {
        let escape: &[u8] = match byte {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            0x08 => b"\\b",
            0x09 => b"\\t",
            0x0a => b"\\n",
            0x0c => b"\\f",
            0x0d => b"\\r",
            0x00..=0x1f => b"",
            _ => continue,
        };
        out.extend_from_slice(&bytes[start..index]);
        if escape.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.extend_from_slice(b"\\u00");
            out.push(HEX[usize::from(byte >> 4)]);
            out.push(HEX[usize::from(byte & 0xf)]);
        } else {
            out.extend_from_slice(escape);
        }
        start = index + 1;
    }
    out.extend_from_slice(&bytes[start..]);
    out.push(b'"');
}

/// Keys of an object in canonical (UTF-16) order. serde_json's map is ordered by UTF-8 bytes,
/// which agrees with UTF-16 order unless a key holds a character at or above U+E000.
pub fn sorted_keys(map: &Map<String, Value>) -> Vec<&String> {
    let mut keys: Vec<&String> = map.keys().collect();
    if keys.iter().any(|key| needs_utf16_sort(key)) {
        keys.sort_by(|a, b| utf16_cmp(a, b));
    }
    keys
}

/// Appends the canonical JSON of a `Value`. Fails on a non-finite number (which a parsed
/// `Value` cannot hold, but a built one could).
pub fn write_value(out: &mut Vec<u8>, value: &Value) -> Result<(), NonFiniteNumber> {
    match value {
        Value::Null => out.extend_from_slice(b"null"),
        Value::Bool(true) => out.extend_from_slice(b"true"),
        Value::Bool(false) => out.extend_from_slice(b"false"),
        Value::Number(number) => {
            // Parsed numbers are integers within 2^53 or finite floats (see protocol::json_walk); either
            // prints through the ECMAScript formatter without an intermediate String.
            let float = match (number.as_u64(), number.as_i64()) {
                (Some(unsigned), _) => unsigned as f64,
                (None, Some(signed)) => signed as f64,
                _ => number.as_f64().unwrap_or(f64::NAN),
            };
            if !float.is_finite() || is_unsafe_integer(float) {
                return Err(NonFiniteNumber);
            }
            let mut digits = [0u8; 20];
            out.extend_from_slice(format_number(float, &mut ryu_js::Buffer::new(), &mut digits).as_bytes());
        }
        Value::String(text) => write_string(out, text),
        Value::Array(items) => {
            out.push(b'[');
            for (index, item) in items.iter().enumerate() {
                if index > 0 {
                    out.push(b',');
                }
                write_value(out, item)?;
            }
            out.push(b']');
        }
        Value::Object(map) => {
            out.push(b'{');
            if map.keys().any(|key| needs_utf16_sort(key)) {
                for (index, key) in sorted_keys(map).into_iter().enumerate() {
                    write_member(out, index, key, &map[key.as_str()])?;
                }
            } else {
                // serde_json's map order (UTF-8 bytes) is the UTF-16 order for these keys.
                for (index, (key, item)) in map.iter().enumerate() {
                    write_member(out, index, key, item)?;
                }
            }
            out.push(b'}');
        }
    }
    Ok(())
}

fn write_member(out: &mut Vec<u8>, index: usize, key: &str, value: &Value) -> Result<(), NonFiniteNumber> {
    if index > 0 {
        out.push(b',');
    }
    write_string(out, key);
    out.push(b':');
    write_value(out, value)
}

/// Whether a key holds a character at or above U+E000, where UTF-8 byte order and UTF-16
/// code unit order part ways (lead bytes 0xEE, 0xEF and the four-byte 0xF0..).
pub fn needs_utf16_sort(key: &str) -> bool {
    key.bytes().any(|byte| byte >= 0xee)
}

/// A number canonical JSON refuses (non-finite, or an unsafe integer) met while writing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NonFiniteNumber;

/// The canonical JSON text of a `Value`.
pub fn value_to_string(value: &Value) -> Result<String, NonFiniteNumber> {
    let mut out = Vec::new();
    write_value(&mut out, value)?;
    Ok(String::from_utf8(out).unwrap_or_default())
}
