//! Number helpers shared by the rules.

use crate::generated::types::Side;

/// Finite and strictly positive; `-0` and `0` are not.
pub fn is_positive_finite(value: f64) -> bool {
    value.is_finite() && value > 0.0
}

/// +1 for LONG, -1 for SHORT (a slot without a side counts as LONG, as the reference does).
pub fn side_sign(side: Option<Side>) -> f64 {
    match side {
        Some(Side::Short) => -1.0,
        _ => 1.0,
    }
}
