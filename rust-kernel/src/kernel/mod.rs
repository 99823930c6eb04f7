//! The kernel rules, one file per rule as in `src/kernel/`; `kernel.rs` holds the state and the
//! switch (the twin of `kernel.ts`).

pub mod account;
pub mod account_gaps;
pub mod amount_range;
pub mod apply_ack;
pub mod apply_fill;
pub mod apply_order_end;
pub mod apply_reject;
pub mod cancel;
pub mod contradiction;
pub mod enter;
pub mod event_context;
pub mod event_window;
pub mod exit_leg;
pub mod fee_calibration;
// The twin of src/kernel/kernel.ts keeps its name.
#[allow(clippy::module_inception)]
pub mod kernel;
pub mod mark_price;
pub mod numbers;
pub mod order_id;
pub mod outcome;
pub mod reconcile;
pub mod slot;
pub mod snapshot;
pub mod trade_id;
pub mod transition;
pub mod validate_intent;
pub mod venue_event;

pub use self::kernel::{Kernel, SNAPSHOT_VERSION};
pub use self::snapshot::SnapshotShapeError;
