//! `lockstep-kernel`: the Rust kernel as a protocol server on stdin/stdout (docs/protocol.md),
//! optionally journaling every answered line (`--journal FILE`, docs/journal.md);
//! `lockstep-kernel journal-verify [--quick] FILE...` prints each journal's decision as JSON.

use std::io::{self, Write};

use lockstep_kernel::journal::journal_header::HeaderOptions;
use lockstep_kernel::journal::journal_scan::{scan_journal, ScanMode};
use lockstep_kernel::journal::journal_sink::Journaled;
use lockstep_kernel::journal::kernel_journal::journal_options;
use lockstep_kernel::journal::open_for_append::{open_for_append, OpenError};
use lockstep_kernel::journal::parent_run::{parent_run_of, ParentRun};
use lockstep_kernel::protocol::session::Session;

fn usage(message: &str) -> ! {
    eprintln!("lockstep-kernel: {message}\nusage: lockstep-kernel [--journal FILE [--durability every|batch|none] [--checkpoint-interval K] [--continues OLD]]\n       lockstep-kernel journal-verify [--quick] FILE...");
    std::process::exit(2);
}

fn journal_verify(args: &[String]) -> i32 {
    let quick = args.first().is_some_and(|a| a == "--quick");
    let files = if quick { &args[1..] } else { args };
    if files.is_empty() {
        usage("journal-verify needs at least one FILE");
    }
    let mut out = io::stdout().lock();
    let mut code = 0;
    for file in files {
        match scan_journal(file, if quick { ScanMode::Quick } else { ScanMode::Full }) {
            Ok(scan) => {
                let _ = writeln!(out, "{}", scan.decision.to_json());
            }
            Err(e) => {
                eprintln!("lockstep-kernel: {file}: {e}");
                code = 1;
            }
        }
    }
    code
}

/// The parent run for `--continues OLD`, or exit 1 naming why (as `lockstep kernel` does).
fn continued_run(path: &str, old: &str) -> ParentRun {
    // Only a new journal has a header to name its parent in; a journal with records continues itself.
    if std::fs::metadata(path).is_ok_and(|m| m.len() > 0) {
        eprintln!("lockstep-kernel: {path}: --continues starts a new journal, but this one already holds records");
        std::process::exit(1);
    }
    parent_run_of(old).unwrap_or_else(|message| {
        eprintln!("lockstep-kernel: {message}");
        std::process::exit(1);
    })
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().is_some_and(|a| a == "journal-verify") {
        std::process::exit(journal_verify(&args[1..]));
    }
    let options = journal_options(&args).unwrap_or_else(|m| usage(&m));
    let stdin = io::stdin();
    let stdout = io::stdout();
    let session = Session::new();
    // Nothing on stdin makes the process exit non-zero; a closed stdout ends the session too.
    let Some(path) = options.journal else {
        let mut session = session;
        let _ = lockstep_kernel::protocol::server::serve(&mut session, &mut stdin.lock(), &mut stdout.lock());
        return;
    };
    let header = HeaderOptions {
        name: "lockstep-kernel".to_owned(),
        version: env!("CARGO_PKG_VERSION").to_owned(),
        language: "rust".to_owned(),
        build_id: std::env::var("LOCKSTEP_BUILD_ID").ok().filter(|b| !b.is_empty()),
        checkpoint_interval: options.checkpoint_interval,
        parent_run: options.continues.as_deref().map(|old| continued_run(&path, old)),
    };
    let writer = match open_for_append(&path, &header, options.policy) {
        Ok(writer) => writer,
        Err(OpenError::Refused(message)) => {
            eprintln!("lockstep-kernel: {message}");
            std::process::exit(1);
        }
        Err(OpenError::Io(e)) => {
            eprintln!("lockstep-kernel: {path}: {e}");
            std::process::exit(1);
        }
    };
    let mut journaled = Journaled { inner: session, writer };
    let _ = lockstep_kernel::protocol::server::serve(&mut journaled, &mut stdin.lock(), &mut stdout.lock());
    if let Err(e) = journaled.writer.seal() {
        eprintln!("lockstep-kernel: journal seal failed: {e}");
        std::process::exit(1);
    }
}
