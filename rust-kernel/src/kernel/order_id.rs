//! Deterministic order ids, so replays and restarts name the same orders.

/// The n-th order of a trade has the id `<trade_id>#<n>`.
pub fn order_id(trade_id: &str, n: u64) -> String {
    format!("{trade_id}#{n}")
}
