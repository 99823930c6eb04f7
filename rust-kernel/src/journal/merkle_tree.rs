//! RFC 6962 Merkle tree hashing with O(log n) append state (the peaks); twin of merkle-tree.ts.

use sha2::{Digest, Sha256};

/// A SHA-256 digest.
pub type Hash = [u8; 32];

/// SHA-256(0x00 || entry).
pub fn leaf_hash(entry: &[u8]) -> Hash {
    let mut h = Sha256::new();
    h.update([0u8]);
    h.update(entry);
    h.finalize().into()
}

/// SHA-256(0x01 || left || right).
pub fn node_hash(left: &Hash, right: &Hash) -> Hash {
    let mut h = Sha256::new();
    h.update([1u8]);
    h.update(left);
    h.update(right);
    h.finalize().into()
}

/// The tree head from the peaks (largest first), folded from the right.
pub fn root_of_peaks(peaks: &[Hash]) -> Hash {
    match peaks.split_last() {
        None => Sha256::digest([]).into(),
        Some((last, rest)) => rest.iter().rev().fold(*last, |root, peak| node_hash(peak, &root)),
    }
}

/// The append state: size and the roots of the perfect subtrees, largest first.
#[derive(Debug, Clone, Default)]
pub struct MerkleAppender {
    size: u64,
    peaks: Vec<Hash>,
}

impl MerkleAppender {
    /// An empty tree.
    pub fn empty() -> Self {
        Self::default()
    }

    /// Continues a tree from a checkpoint's peaks; None when their count does not fit size.
    pub fn from_peaks(size: u64, peaks: Vec<Hash>) -> Option<Self> {
        if u64::from(size.count_ones()) != peaks.len() as u64 {
            return None;
        }
        Some(Self { size, peaks })
    }

    /// Leaves so far.
    pub fn size(&self) -> u64 {
        self.size
    }

    /// Adds one leaf (its entry bytes).
    pub fn append(&mut self, entry: &[u8]) {
        let mut carry = leaf_hash(entry);
        let mut size = self.size;
        while size % 2 == 1 {
            let peak = self.peaks.pop().unwrap_or([0u8; 32]);
            carry = node_hash(&peak, &carry);
            size /= 2;
        }
        self.peaks.push(carry);
        self.size += 1;
    }

    /// The tree head.
    pub fn root(&self) -> Hash {
        root_of_peaks(&self.peaks)
    }

    /// The peaks, largest first.
    pub fn peaks(&self) -> &[Hash] {
        &self.peaks
    }
}
