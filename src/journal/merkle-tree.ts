// RFC 6962 Merkle tree hashing over journal records with O(log n) append state (the peaks).
// Leaf entry: the record's 32 checksum bytes, so a proof is small and any RFC 6962 verifier
// checks it; the checksum in turn covers the record's bytes.
import { createHash } from 'node:crypto';
import { sha256Leaf, sha256Node } from './merkle-sha256.js';

// The 32-byte inputs of a journal's tree are hashed in JavaScript (merkle-sha256.ts: a native
// call per hash cost more than the hashing); other lengths only occur in tests and proofs.

/** SHA-256(0x00 || entry). */
export function leafHash(entry: Uint8Array): Buffer {
  if (entry.length !== 32) return createHash('sha256').update(Buffer.from([0])).update(entry).digest();
  return sha256Leaf(entry);
}

/** SHA-256(0x01 || left || right). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  if (left.length !== 32 || right.length !== 32) return createHash('sha256').update(Buffer.from([1])).update(left).update(right).digest();
  return sha256Node(left, right);
}

const EMPTY_ROOT = createHash('sha256').digest();

/** The tree head from the peaks (largest first): fold from the right, as RFC 6962 splits. */
export function rootOfPeaks(peaks: readonly Uint8Array[]): Buffer {
  if (peaks.length === 0) return EMPTY_ROOT;
  let root: Buffer = Buffer.from(peaks[peaks.length - 1] as Uint8Array);
  for (let i = peaks.length - 2; i >= 0; i -= 1) root = nodeHash(peaks[i] as Uint8Array, root);
  return root;
}

/** Number of set bits: how many peaks a tree of `size` leaves has. */
export function peakCount(size: number): number {
  let count = 0;
  for (let rest = size; rest > 0; rest = Math.floor(rest / 2)) count += rest % 2;
  return count;
}

/** Append state of the tree: its size and the roots of its perfect subtrees, largest first. */
export class MerkleAppender {
  private constructor(
    private leaves: number,
    private readonly peaks: Buffer[],
  ) {}

  static empty(): MerkleAppender {
    return new MerkleAppender(0, []);
  }

  /** Continues a tree from a checkpoint's peaks; undefined when their count does not fit size. */
  static fromPeaks(size: number, peaks: readonly Uint8Array[]): MerkleAppender | undefined {
    if (peakCount(size) !== peaks.length) return undefined;
    return new MerkleAppender(size, peaks.map((p) => Buffer.from(p)));
  }

  get size(): number {
    return this.leaves;
  }

  /** Adds one leaf (its entry bytes): O(log n) hashes at worst, O(1) amortised. */
  append(entry: Uint8Array): void {
    let carry = leafHash(entry);
    // Each trailing 1 bit of the old size is a peak of equal height that merges with the carry.
    for (let size = this.leaves; size % 2 === 1; size = Math.floor(size / 2)) {
      carry = nodeHash(this.peaks.pop() as Buffer, carry);
    }
    this.peaks.push(carry);
    this.leaves += 1;
  }

  root(): Buffer {
    return rootOfPeaks(this.peaks);
  }

  peakList(): readonly Buffer[] {
    return this.peaks;
  }
}
