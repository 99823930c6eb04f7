//! The code `pnpm codegen` writes to `generated/rust/`, included from there (never copied).

#[path = "../../generated/rust/types.rs"]
pub mod types;

#[path = "../../generated/rust/tables.rs"]
pub mod tables;

#[path = "../../generated/rust/protocol_edge.rs"]
pub mod protocol_edge;

#[path = "../../generated/rust/validate.rs"]
pub mod validate;

#[path = "../../generated/rust/contracts_hash.rs"]
pub mod contracts_hash;
