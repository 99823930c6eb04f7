//! `lockstep-echo`: a do-nothing server for the benchmark: the same line reader, JSON checks
//! and canonical writer as the kernel, but every parsed line is echoed back canonically.

use std::io;

use lockstep_kernel::canonical::write_value;
use lockstep_kernel::protocol::read_request::parse_line;
use lockstep_kernel::protocol::answer_line::Responder;
use lockstep_kernel::protocol::line_reader::LineTooLongOrUtf8;
use lockstep_kernel::protocol::server::serve;

struct Echo;

impl Responder for Echo {
    fn respond(&mut self, text: Result<&str, LineTooLongOrUtf8>, _line: u64, out: &mut Vec<u8>) {
        match text.ok().map(parse_line) {
            Some(Ok(value)) => {
                if write_value(out, &value).is_err() {
                    out.extend_from_slice(b"null");
                }
            }
            _ => out.extend_from_slice(b"null"),
        }
        out.push(b'\n');
    }

    fn ended(&self) -> bool {
        false
    }
}

fn main() {
    let _ = serve(&mut Echo, &mut io::stdin().lock(), &mut io::stdout().lock());
}
