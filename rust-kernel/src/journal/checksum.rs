//! SHA-256 checksums as journals write them: `sha256:` and 64 lowercase hex digits.

use sha2::{Digest, Sha256};

const HEX: &[u8; 16] = b"0123456789abcdef";

/// Lowercase hex of bytes.
pub fn hex(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        out.push(HEX[usize::from(b >> 4)] as char);
        out.push(HEX[usize::from(b & 0xf)] as char);
    }
    out
}

/// `sha256:` and the hex digest of `data`.
pub fn checksum_of(data: &[u8]) -> String {
    format!("sha256:{}", hex(&Sha256::digest(data)))
}

/// The 32 digest bytes of a `sha256:` checksum (its record's Merkle leaf entry).
pub fn checksum_bytes(checksum: &str) -> [u8; 32] {
    let mut out = [0u8; 32];
    let digits = checksum.as_bytes().get(7..).unwrap_or(&[]);
    let value = |c: u8| match c {
        b'0'..=b'9' => c - b'0',
        b'a'..=b'f' => c - b'a' + 10,
        _ => 0,
    };
    for (i, pair) in digits.chunks(2).take(32).enumerate() {
        out[i] = (value(pair[0]) << 4) | value(*pair.get(1).unwrap_or(&b'0'));
    }
    out
}

/// `sha256:` and the hex of a raw digest.
pub fn checksum_text(digest: &[u8]) -> String {
    format!("sha256:{}", hex(digest))
}
