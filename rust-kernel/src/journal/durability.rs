//! When appended records reach the disk (twin of durability.ts; docs/journal.md).

/// The named durability policies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DurabilityPolicy {
    /// Write and fsync each record before its answer is released.
    Every,
    /// Group commit: one write and one fsync per read of input, before its answers go out (default).
    Batch,
    /// Written before the answers go out, never fsynced.
    None,
}

impl DurabilityPolicy {
    /// The policy of a name (`every`, `batch`, `none`).
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "every" => Some(Self::Every),
            "batch" => Some(Self::Batch),
            "none" => Some(Self::None),
            _ => None,
        }
    }
}

/// The default policy.
pub const DEFAULT_DURABILITY: DurabilityPolicy = DurabilityPolicy::Batch;
