//! lockstep's Rust kernel: the twin of the TypeScript reference engine, held byte-identical.
#![deny(missing_docs)]
// `!(x <= bound)` is deliberate: it is the reference engine's test, true for NaN as well.
#![allow(clippy::neg_cmp_op_on_partial_ord)]
// A refusal carries its outcome details by value, as the reference does; steps are not hot
// enough in the error path for boxing to matter.
#![allow(clippy::result_large_err)]

pub mod canonical;
pub mod cut_text;
pub mod generated;
pub mod journal;
pub mod kernel;
pub mod protocol;
