//! Walks over a parsed line: depth and forbidden keys in one pass, the first forbidden key's
//! pointer, and numbers normalised as JavaScript holds them.

use serde_json::{Map, Number, Value};

use crate::canonical::{needs_utf16_sort, sorted_keys};

use super::limits::{JSON_DEPTH_MAX, FORBIDDEN_KEYS, SAFE_INTEGER_MAX};

/// One pass over a parsed value: depth, any forbidden key, numbers normalised.
pub(crate) struct Walk {
    pub(crate) depth_exceeded: bool,
    pub(crate) forbidden: bool,
}

impl Walk {
    pub(crate) fn visit(&mut self, value: &mut Value, depth: usize) {
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
