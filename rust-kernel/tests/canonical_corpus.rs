//! The golden canonical corpus (fixtures/canonical/cases.json) rendered by the Rust writer.

use lockstep_kernel::canonical::value_to_string;
use lockstep_kernel::protocol::read_request::{parse_line, LineFault};
use serde_json::Value;

fn corpus() -> Vec<Value> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../fixtures/canonical/cases.json");
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
    let root: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path} is not JSON: {e}"));
    root["cases"].as_array().cloned().unwrap_or_else(|| panic!("{path}: no cases array"))
}

#[test]
fn canonical_cases_render_byte_identically() {
    let mut checked = 0;
    for case in corpus() {
        let (Some(input), Some(expected)) = (case["input"].as_str(), case["canonical"].as_str()) else { continue };
        let id = &case["id"];
        let value: Value = serde_json::from_str(input).unwrap_or_else(|e| panic!("case {id}: input does not parse: {e}"));
        let actual = value_to_string(&value).unwrap_or_else(|_| panic!("case {id}: non-finite number"));
        assert_eq!(actual, expected, "case {id}: input {input:?}");
        checked += 1;
    }
    assert!(checked >= 20, "only {checked} canonical cases found");
}

/// The parser refusals the wire protocol shares with the canonical parser (duplicate keys are
/// accepted on the wire by docs/protocol.md, and unsafe integers are a canonicalisation check).
#[test]
fn parse_refusals_shared_with_the_protocol_are_refused() {
    let mut checked = 0;
    for case in corpus() {
        let Some(code) = case["reject"]["code"].as_str() else { continue };
        let input = case["input"].as_str().unwrap_or_default();
        let id = &case["id"];
        let result = parse_line(input);
        match code {
            "LONE_SURROGATE" | "SYNTAX" => assert!(matches!(result, Err(LineFault::InvalidJson(..) | LineFault::Empty)), "case {id}: {result:?}"),
            "NUMBER_OUT_OF_RANGE" => assert!(matches!(result, Err(LineFault::NumberOutOfRange(_))), "case {id}: {result:?}"),
            "DEPTH_LIMIT_EXCEEDED" => assert!(matches!(result, Err(LineFault::DepthExceeded(_))), "case {id}: {result:?}"),
            // On the wire an integer beyond 2^53-1 reads as the binary64 JSON.parse gives, but
            // canonical output refuses to write one (a response holding one is INTERNAL_ERROR).
            "UNSAFE_INTEGER" if case["reject"]["stage"] == "canonicalize" => {
                let value: serde_json::Value = serde_json::from_str(input).unwrap_or_else(|e| panic!("case {id}: {e}"));
                assert!(lockstep_kernel::canonical::value_to_string(&value).is_err(), "case {id}: written");
            }
            _ => continue,
        }
        checked += 1;
    }
    assert!(checked >= 5, "only {checked} refusal cases found");
}
