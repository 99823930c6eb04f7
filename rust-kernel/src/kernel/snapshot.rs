//! What a snapshot must satisfy beyond its schema before a kernel adopts it.

use crate::generated::types::CoreSnapshot;

/// Why a snapshot cannot be restored although it is schema-valid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SnapshotShapeError {
        /// JSON pointer into the snapshot.
        pub path: String,
        /// What is wrong.
        pub message: String,
}

/// One slot per configured slot, in slot_id order (the schema cannot relate slots to config.slot_count).
pub fn check_snapshot_shape(s: &CoreSnapshot) -> Result<(), SnapshotShapeError> {
    if s.slots.len() as u64 != s.config.slot_count {
        return Err(SnapshotShapeError {
            path: "/slots".to_owned(),
            message: format!("snapshot holds {} slots but config.slot_count is {}", s.slots.len(), s.config.slot_count),
        });
    }
    for (i, slot) in s.slots.iter().enumerate() {
        if slot.slot_id != i as u64 {
            return Err(SnapshotShapeError {
                path: format!("/slots/{i}/slot_id"),
                message: format!("slot {i} has slot_id {}", slot.slot_id),
            });
        }
    }
    Ok(())
}
