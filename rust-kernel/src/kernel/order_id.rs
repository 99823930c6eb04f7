//! Deterministic order ids, so replays and restarts name the same orders.

/// The n-th order of a trade has the id `<trade_id>#<n>`.
pub fn order_id(trade_id: &str, n: u64) -> String {
    format!("{trade_id}#{n}")
}

/// How many orders of `trade_id` the slot's order fields already name: the highest n of an
/// order id `<trade_id>#<n>` among them, 0 when none. A reconcile that adopts a trade counts on
/// from there, so a trade the slot held before (A, then B, then A again by reconcile) never
/// names a new order like one the slot still holds: a venue event for that id would find the
/// old one. At most 15 digits are read (below 2^53, so both kernels read the same number).
pub fn orders_named_for<'a>(trade_id: &str, order_ids: impl IntoIterator<Item = &'a str>) -> u64 {
    let mut highest = 0;
    for id in order_ids {
        let Some(digits) = id.strip_prefix(trade_id).and_then(|rest| rest.strip_prefix('#')) else { continue };
        let well_formed = (1..=15).contains(&digits.len()) && !digits.starts_with('0') && digits.bytes().all(|b| b.is_ascii_digit());
        if well_formed {
            highest = highest.max(digits.parse::<u64>().unwrap_or(0));
        }
    }
    highest
}
