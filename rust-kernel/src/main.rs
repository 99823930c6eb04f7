//! `lockstep-kernel`: the Rust kernel as a protocol server on stdin/stdout (docs/protocol.md).

use std::io;

fn main() {
    let mut session = lockstep_kernel::protocol::session::Session::new();
    let stdin = io::stdin();
    let stdout = io::stdout();
    // Nothing on stdin makes the process exit non-zero; a closed stdout ends the session too.
    let _ = lockstep_kernel::protocol::server::serve(&mut session, &mut stdin.lock(), &mut stdout.lock());
}
