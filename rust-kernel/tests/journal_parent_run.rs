//! A resumed run names its parent run (twin of tests/journal/parent-run.test.ts, which also
//! checks that both kernels write the same bytes): reopening a clean or torn journal writes a
//! recovered record naming the new build, the build that wrote the chain head and that head; a
//! new journal continuing a sealed one names it in its header.

use std::path::PathBuf;

use lockstep_kernel::journal::durability::DurabilityPolicy;
use lockstep_kernel::journal::journal_header::{build_header, HeaderOptions};
use lockstep_kernel::journal::journal_scan::{scan_journal, ScanMode};
use lockstep_kernel::journal::open_for_append::open_for_append;
use lockstep_kernel::journal::parent_run::{parent_run_of, ParentRun};
use serde_json::{json, Value};

fn vector_copy(name: &str, tag: &str) -> String {
    let from = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("../fixtures/journals/vectors/{name}.journal"));
    let dir = std::env::temp_dir().join(format!("journal-parent-{}-{tag}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let to = dir.join(format!("{name}.journal"));
    std::fs::copy(from, &to).expect("copy vector");
    to.to_str().expect("utf-8").to_owned()
}

fn options(build_id: &str, parent_run: Option<ParentRun>) -> HeaderOptions {
    HeaderOptions {
        name: "test".to_owned(),
        version: "1".to_owned(),
        language: "rust".to_owned(),
        build_id: Some(build_id.to_owned()),
        checkpoint_interval: 4,
        parent_run,
    }
}

fn lines(path: &str) -> Vec<Value> {
    std::fs::read_to_string(path).expect("read").lines().map(|l| serde_json::from_str(l).unwrap_or(Value::Null)).collect()
}

fn header_build_id(path: &str) -> String {
    lines(path)[0]["run"]["build_id"].as_str().expect("build_id").to_owned()
}

#[test]
fn reopening_clean_or_torn_names_the_new_build_and_the_parent_run() {
    for name in ["clean", "torn-zero-filled-4096"] {
        let path = vector_copy(name, "resume");
        let before = scan_journal(&path, ScanMode::Full).expect("scan").decision;
        let parent_build = header_build_id(&path);
        drop(open_for_append(&path, &options("resumer-1", None), DurabilityPolicy::None).ok().expect("opens"));
        let records = lines(&path);
        let recovered = &records[before.records as usize + 1];
        assert_eq!(recovered["kind"], "recovered", "{name}");
        assert_eq!(
            recovered["run"],
            json!({ "build_id": "resumer-1", "parent_run": { "build_id": parent_build, "checksum": before.head, "index": before.records } }),
            "{name}"
        );
        assert_eq!(recovered["torn_bytes"], json!(before.torn_bytes), "{name}");
        // A second resume names the first one, not the header.
        let middle = scan_journal(&path, ScanMode::Full).expect("scan").decision;
        drop(open_for_append(&path, &options("resumer-2", None), DurabilityPolicy::None).ok().expect("opens again"));
        let last = lines(&path).pop().expect("a record");
        assert_eq!(last["run"]["parent_run"], json!({ "build_id": "resumer-1", "checksum": middle.head, "index": middle.records }), "{name}");
    }
}

#[test]
fn a_new_journal_continuing_a_sealed_one_names_it_in_its_header() {
    let sealed = vector_copy("sealed", "continue");
    let end = scan_journal(&sealed, ScanMode::Full).expect("scan").decision;
    let parent = parent_run_of(&sealed).expect("a sealed journal can be continued");
    assert_eq!(parent, ParentRun { build_id: header_build_id(&sealed), checksum: end.head.clone(), index: end.records });
    let header: Value = serde_json::from_slice(&build_header(&options("next", Some(parent))).line).expect("json");
    assert_eq!(header["run"]["parent_run"], json!({ "build_id": header_build_id(&sealed), "checksum": end.head, "index": end.records }));
    let damaged = vector_copy("damaged-deleted-line", "continue");
    assert!(parent_run_of(&damaged).expect_err("refused").contains("only a sealed or clean journal can be continued"));
}
