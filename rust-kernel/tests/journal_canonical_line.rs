//! The Rust canonical-form check of a journal line gives the answers of the shared cases
//! (fixtures/journals/canonical-lines.json, whose flags the TypeScript test checks against
//! canonicalize(JSON.parse(line))), and accepts every line of every golden journal.

use std::path::PathBuf;

use lockstep_kernel::journal::canonical_line::is_canonical_line;
use serde_json::Value;

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../fixtures/journals")
}

fn hex_bytes(hex: &str) -> Vec<u8> {
    (0..hex.len()).step_by(2).map(|i| u8::from_str_radix(&hex[i..i + 2], 16).expect("hex")).collect()
}

#[test]
fn the_shared_cases_get_their_answers() {
    let text = std::fs::read_to_string(fixtures().join("canonical-lines.json")).expect("cases");
    let cases: Value = serde_json::from_str(&text).expect("json");
    let cases = cases["cases"].as_array().expect("cases");
    assert!(cases.len() > 80);
    let mut wrong = Vec::new();
    for c in cases {
        let bytes = match (c.get("text").and_then(Value::as_str), c.get("hex").and_then(Value::as_str)) {
            (Some(t), _) => t.as_bytes().to_vec(),
            (None, Some(h)) => hex_bytes(h),
            _ => panic!("a case needs text or hex: {c}"),
        };
        let want = c["canonical"].as_bool().expect("canonical");
        if is_canonical_line(&bytes) != want {
            wrong.push(format!("{c}"));
        }
    }
    assert!(wrong.is_empty(), "answers differ:\n{}", wrong.join("\n"));
}

#[test]
fn every_golden_line_is_canonical() {
    let mut seen = 0;
    for entry in std::fs::read_dir(fixtures()).expect("fixtures/journals") {
        let path = entry.expect("entry").path();
        if path.extension().and_then(|e| e.to_str()) != Some("journal") {
            continue;
        }
        for line in std::fs::read_to_string(&path).expect("journal").lines().skip(1) {
            assert!(is_canonical_line(line.as_bytes()), "{}: {line}", path.display());
            seen += 1;
        }
    }
    assert!(seen > 1000);
}
