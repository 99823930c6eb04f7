//! The wire protocol (docs/protocol.md) served over streams, file by file as in `src/protocol/`.

pub mod answer_line;
pub mod json_scan;
pub mod json_walk;
pub mod limits;
pub mod line_reader;
pub mod message;
pub mod protocol_error;
pub mod read_request;
pub mod server;
pub mod session;
