// RFC 6962 / RFC 9162 inclusion proofs: the audit path of one leaf in a tree of n leaves
// (PATH(m, D[n]) of RFC 6962 2.1.1), and the verifier of RFC 9162 2.1.3.2, written apart from
// the prover so a test can hold them against each other.
import { nodeHash } from './merkle-tree.js';

/** Largest power of two strictly below n (n > 1). */
function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

function subtreeRoot(leaves: readonly Uint8Array[], from: number, to: number): Uint8Array {
  if (to - from === 1) return leaves[from] as Uint8Array;
  const k = split(to - from);
  return nodeHash(subtreeRoot(leaves, from, from + k), subtreeRoot(leaves, from + k, to));
}

/** The audit path of leaf `m` (0-based) among `leafHashes` (the leaf hashes, not entries). */
export function inclusionPath(leafHashes: readonly Uint8Array[], m: number, from = 0, to = leafHashes.length): Uint8Array[] {
  if (to - from <= 1) return [];
  const k = split(to - from);
  if (m < from + k) return [...inclusionPath(leafHashes, m, from, from + k), subtreeRoot(leafHashes, from + k, to)];
  return [...inclusionPath(leafHashes, m, from + k, to), subtreeRoot(leafHashes, from, from + k)];
}

/** RFC 9162 2.1.3.2: whether `path` proves `leafHash` at `index` in a tree of `size` with `root`. */
export function verifyInclusion(leafHash: Uint8Array, index: number, size: number, path: readonly Uint8Array[], root: Uint8Array): boolean {
  if (index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let r: Buffer = Buffer.from(leafHash);
  for (const p of path) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && r.equals(Buffer.from(root));
}
