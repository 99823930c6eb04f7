//! A parallel full verify takes exactly the sequential decision (twin of
//! tests/journal/journal-parallel.test.ts): damage early, late, on the lines either side of each
//! join and at spread positions, with every later segment left to the worker threads.

use lockstep_kernel::journal::durability::DurabilityPolicy;
use lockstep_kernel::journal::journal_header::HeaderOptions;
use lockstep_kernel::journal::journal_parallel::VerifyOptions;
use lockstep_kernel::journal::journal_scan::{scan_journal_with, ScanMode};
use lockstep_kernel::journal::open_for_append::open_for_append;

const INTERVAL: u64 = 8;

/// A sealed journal of `steps` steps with a recovered record (a new run) two thirds in.
fn base(dir: &std::path::Path, steps: u64) -> Vec<u8> {
    let path = dir.join("base.journal");
    let _ = std::fs::remove_file(&path);
    let header = HeaderOptions { name: "test".to_owned(), version: "1".to_owned(), language: "rust".to_owned(), build_id: Some("first".to_owned()), checkpoint_interval: INTERVAL, parent_run: None };
    let mut w = open_for_append(path.to_str().expect("utf-8"), &header, DurabilityPolicy::None).unwrap_or_else(|_| panic!("open"));
    for seq in 0..steps {
        let request = format!("{{\"op\":\"mark_price\",\"seq\":{seq},\"price\":{}}}", 100.0 + (seq % 7) as f64 / 4.0);
        w.append_step(&request, format!("{{\"op\":\"mark_price\",\"seq\":{seq},\"text\":\"prix à {seq} €\"}}").as_bytes()).expect("append");
        if seq == steps * 2 / 3 {
            w.append_recovered("second", 0, "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", None).expect("recovered");
        }
    }
    w.seal().expect("seal");
    w.commit_sync(true).expect("sync");
    drop(w);
    std::fs::read(&path).expect("read")
}

fn line_starts(b: &[u8]) -> Vec<usize> {
    let mut out = vec![0];
    out.extend(b.iter().enumerate().filter(|(i, &c)| c == b'\n' && i + 1 < b.len()).map(|(i, _)| i + 1));
    out
}

fn lines(b: &[u8]) -> Vec<Vec<u8>> {
    let s = line_starts(b);
    s.iter().enumerate().map(|(i, &at)| b[at..s.get(i + 1).copied().unwrap_or(b.len())].to_vec()).collect()
}

fn verdicts(dir: &std::path::Path, bytes: &[u8]) -> (String, String) {
    let path = dir.join("faulted.journal");
    std::fs::write(&path, bytes).expect("write");
    let p = path.to_str().expect("utf-8");
    let one = VerifyOptions { threads: Some(1), ..VerifyOptions::default() };
    let many = VerifyOptions { threads: Some(3), parallel_from_bytes: Some(0), workers_only: true };
    let a = scan_journal_with(p, ScanMode::Full, &one).expect("scan");
    let b = scan_journal_with(p, ScanMode::Full, &many).expect("scan");
    let run = |s: &lockstep_kernel::journal::journal_scan::JournalScan| s.state.as_ref().and_then(|st| st.run_build_id.clone());
    (format!("{} {:?}", a.decision.key(), run(&a)), format!("{} {:?}", b.decision.key(), run(&b)))
}

#[test]
fn the_joined_verdict_is_the_sequential_one() {
    let dir = std::env::temp_dir().join(format!("journal-parallel-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let clean = base(&dir, 400);
    let l = lines(&clean);
    let checkpoints: Vec<usize> = l.iter().enumerate().filter(|(_, x)| x.windows(21).any(|w| w == b",\"kind\":\"checkpoint\",")).map(|(i, _)| i).collect();
    assert!(checkpoints.len() > 40);
    let mut faulted: Vec<(String, Vec<u8>)> = vec![("none".to_owned(), clean.clone())];
    for &at in checkpoints.iter().step_by(3) {
        // The record before a checkpoint deleted: only a join (or the sequential scan) sees it.
        faulted.push((format!("delete before line {at}"), l.iter().enumerate().filter(|(i, _)| *i != at - 1).flat_map(|(_, x)| x.clone()).collect()));
        let mut dup = l.clone();
        dup.insert(at, l[at - 1].clone());
        faulted.push((format!("duplicate before line {at}"), dup.concat()));
    }
    for at in (0..clean.len()).step_by(clean.len() / 23) {
        let mut b = clean.clone();
        b[at] ^= 0x10;
        faulted.push((format!("bit flipped at byte {at}"), b));
    }
    let starts = line_starts(&clean);
    let mut two = clean.clone();
    two[starts[starts.len() - 12] + 120] ^= 2;
    two[starts[30] + 120] ^= 2;
    faulted.push(("damage early and late".to_owned(), two));
    let mut damaged = 0;
    for (name, bytes) in &faulted {
        let (sequential, parallel) = verdicts(&dir, bytes);
        assert_eq!(parallel, sequential, "{name}");
        damaged += usize::from(sequential.starts_with("damaged"));
    }
    assert!(damaged > faulted.len() / 2, "the faults are found");
}
