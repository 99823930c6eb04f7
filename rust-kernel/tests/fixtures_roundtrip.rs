//! Every corpus fixture deserialised into the generated types and re-serialised canonically is
//! byte-identical to the canonical form of the file (and passes the generated validator).

use lockstep_kernel::canonical::{typed_to_string, value_to_string};
use lockstep_kernel::generated::types::Fixture;
use lockstep_kernel::generated::validate::validate_fixture;
use lockstep_kernel::protocol::json_walk::normalize_numbers;
use serde::Deserialize;
use serde_json::Value;

fn fixture_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()));
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            fixture_files(&path, out);
        } else if path.extension().is_some_and(|x| x == "json") {
            out.push(path);
        }
    }
}

#[test]
fn corpus_fixtures_round_trip_byte_identically() {
    let root = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../fixtures/corpus"));
    let mut files = Vec::new();
    fixture_files(root, &mut files);
    files.sort();
    assert!(files.len() >= 10, "only {} fixtures under {}", files.len(), root.display());
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let mut value: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: not JSON: {e}", path.display()));
        normalize_numbers(&mut value);
        if let Err(e) = validate_fixture(&value) {
            panic!("{}: schema error {} at {}: {}", path.display(), e.keyword, e.pointer(), e.message);
        }
        let fixture = Fixture::deserialize(&value).unwrap_or_else(|e| panic!("{}: serde: {e}", path.display()));
        let expected = value_to_string(&value).unwrap_or_default();
        let actual = typed_to_string(&fixture).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(actual, expected, "{}", path.display());
    }
}
