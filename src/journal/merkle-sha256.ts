// SHA-256 of the two fixed-size inputs of RFC 6962 hashing, computed in JavaScript: a leaf
// (0x00 and 32 entry bytes: one block) and a node (0x01 and two 32-byte hashes: two blocks).
// A full verify makes about two of these per record; through node:crypto each is a native call
// whose fixed cost (1-2 us here) is several times the hashing of one or two blocks, which this
// does in about 0.5 us per block (docs/journal.md, "How a full verify reads a line"). Bulk data
// (record bodies) still goes to node:crypto. tests/journal/merkle-sha256.test.ts checks both
// against node:crypto on random inputs.

/** The SHA-256 round constants (FIPS 180-4, 4.2.2). */
const K = Int32Array.from([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
  0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);
/** The initial hash value (FIPS 180-4, 5.3.3). */
const IV = Int32Array.from([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);

// Reused state: one hash at a time, no allocation but the 32-byte result.
const H = new Int32Array(8);
/** The message schedule of one block; the first 16 words are the block. */
const W = new Int32Array(64);

/** One compression of the block in W[0..16) into H. */
function compress(): void {
  for (let t = 16; t < 64; t += 1) {
    const a = W[t - 15]!;
    const b = W[t - 2]!;
    const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
    const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
    W[t] = (s1 + W[t - 7]! + s0 + W[t - 16]!) | 0;
  }
  let a = H[0]!, b = H[1]!, c = H[2]!, d = H[3]!, e = H[4]!, f = H[5]!, g = H[6]!, h = H[7]!;
  for (let t = 0; t < 64; t += 1) {
    const s1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (h + s1 + ((e & f) ^ (~e & g)) + K[t]! + W[t]!) | 0;
    const s0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (s0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  H[0] = (H[0]! + a) | 0;
  H[1] = (H[1]! + b) | 0;
  H[2] = (H[2]! + c) | 0;
  H[3] = (H[3]! + d) | 0;
  H[4] = (H[4]! + e) | 0;
  H[5] = (H[5]! + f) | 0;
  H[6] = (H[6]! + g) | 0;
  H[7] = (H[7]! + h) | 0;
}

/** Big-endian word of x[i-1..i+3) (one byte of the previous 32 spills in after the prefix byte). */
function wordAfterPrefix(x: Uint8Array, i: number): number {
  return (x[i - 1]! << 24) | (x[i]! << 16) | (x[i + 1]! << 8) | x[i + 2]!;
}

/**
 * Puts `prefix || x[0..32)` at word `at` of W with the next word's top byte left to the caller:
 * bytes 4k..4k+4 of the message are prefix-shifted by one byte.
 */
function putShifted(prefix: number, x: Uint8Array, at: number): void {
  W[at] = (prefix << 24) | (x[0]! << 16) | (x[1]! << 8) | x[2]!;
  for (let k = 1; k < 8; k += 1) W[at + k] = wordAfterPrefix(x, 4 * k);
}

function digestBytes(): Buffer {
  const out = Buffer.allocUnsafe(32);
  for (let i = 0; i < 8; i += 1) out.writeInt32BE(H[i]!, 4 * i);
  return out;
}

/** SHA-256(0x00 || entry) for a 32-byte entry: 33 bytes, one block. */
export function sha256Leaf(entry: Uint8Array): Buffer {
  H.set(IV);
  putShifted(0, entry, 0);
  W[8] = (entry[31]! << 24) | 0x800000;
  W.fill(0, 9, 15);
  W[15] = 33 * 8;
  compress();
  return digestBytes();
}

/** SHA-256(0x01 || left || right) for 32-byte hashes: 65 bytes, two blocks. */
export function sha256Node(left: Uint8Array, right: Uint8Array): Buffer {
  H.set(IV);
  putShifted(1, left, 0);
  // Word 8 is left's last byte then right's first three; words 9..15 are right shifted by one.
  W[8] = (left[31]! << 24) | (right[0]! << 16) | (right[1]! << 8) | right[2]!;
  for (let k = 1; k < 8; k += 1) W[8 + k] = wordAfterPrefix(right, 4 * k);
  compress();
  W[0] = (right[31]! << 24) | 0x800000;
  W.fill(0, 1, 15);
  W[15] = 65 * 8;
  compress();
  return digestBytes();
}
