//! Named bounds of the wire protocol (docs/protocol.md), generated from
//! `schemas/data/protocol.edge.json`; the TypeScript side reads the same table.

pub use crate::generated::protocol_edge::{
    CAPABILITIES, FORBIDDEN_KEYS, JSON_DEPTH_MAX, LINE_BYTES_MAX, MESSAGE_CHARS_MAX, PROTOCOL_MAJOR, PROTOCOL_VERSION,
    QUOTED_VALUE_CHARS_MAX, SAFE_INTEGER_MAX,
};
