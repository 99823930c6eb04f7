//! lockstep's Rust kernel: the twin of the TypeScript reference engine, held byte-identical.
#![deny(missing_docs)]

pub mod generated;
