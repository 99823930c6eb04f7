//! lockstep's Rust kernel: the twin of the TypeScript reference engine, held byte-identical.
#![deny(missing_docs)]

pub mod canonical;
pub mod error;
pub mod generated;
pub mod json_line;
pub mod kernel;
pub mod limits;
pub mod server;
pub mod session;
