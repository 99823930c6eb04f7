//! The decision table's vectors (fixtures/journals/vectors/, written by `lockstep journal
//! vectors`): the Rust verifier takes exactly the TypeScript verifier's decision on each, in
//! full and quick mode, and a journal the Rust writer starts verifies in both.

use std::path::PathBuf;

use lockstep_kernel::journal::journal_scan::{scan_journal, ScanMode};
use serde_json::Value;

fn vectors_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../fixtures/journals/vectors")
}

#[test]
fn every_vector_gets_the_typescript_decision() {
    let dir = vectors_dir();
    let expected: Value = serde_json::from_str(&std::fs::read_to_string(dir.join("expected.json")).expect("expected.json")).expect("json");
    let vectors = expected["vectors"].as_array().expect("vectors");
    assert!(vectors.len() >= 20, "the table has at least 20 rows");
    let mut failures = Vec::new();
    for v in vectors {
        let file = v["file"].as_str().expect("file");
        let path = dir.join(file);
        let path = path.to_str().expect("utf-8 path");
        for (mode, key) in [(ScanMode::Full, "full"), (ScanMode::Quick, "quick")] {
            let got = scan_journal(path, mode).expect("readable").decision.key();
            let want = v[key].as_str().expect("key");
            if got != want {
                failures.push(format!("{file} ({key}):\n  typescript {want}\n  rust       {got}"));
            }
        }
    }
    assert!(failures.is_empty(), "decisions differ:\n{}", failures.join("\n"));
}

#[test]
fn golden_journals_verify_in_rust() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../fixtures/journals");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).expect("fixtures/journals") {
        let path = entry.expect("entry").path();
        if path.extension().and_then(|e| e.to_str()) != Some("journal") {
            continue;
        }
        let decision = scan_journal(path.to_str().expect("utf-8"), ScanMode::Full).expect("readable").decision;
        assert_eq!(decision.case.name(), "sealed", "{}: {}", path.display(), decision.to_json());
        seen += 1;
    }
    assert!(seen > 0, "no golden journals found");
}
