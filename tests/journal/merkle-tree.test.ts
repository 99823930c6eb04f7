// RFC 6962 hashing: the append state's root equals the recursive MTH definition for every size,
// and every inclusion proof checks with the RFC 9162 verifier (a tampered one does not).
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { inclusionPath, verifyInclusion } from '../../src/journal/inclusion-proof.js';
import { leafHash, MerkleAppender, nodeHash } from '../../src/journal/merkle-tree.js';

function mth(entries: readonly Buffer[]): Buffer {
  if (entries.length === 0) return createHash('sha256').digest();
  if (entries.length === 1) return leafHash(entries[0]!);
  let k = 1;
  while (k * 2 < entries.length) k *= 2;
  return nodeHash(mth(entries.slice(0, k)), mth(entries.slice(k)));
}

const entries = Array.from({ length: 70 }, (_, i) => createHash('sha256').update(`record ${i}`).digest());

describe('Merkle tree', () => {
  it('the append state gives the RFC 6962 root at every size', () => {
    const m = MerkleAppender.empty();
    expect(m.root().equals(mth([]))).toBe(true);
    for (let n = 1; n <= entries.length; n += 1) {
      m.append(entries[n - 1]!);
      expect(m.root().equals(mth(entries.slice(0, n))), `size ${n}`).toBe(true);
      const resumed = MerkleAppender.fromPeaks(n, m.peakList());
      expect(resumed?.root().equals(m.root())).toBe(true);
    }
  });

  it('the known RFC 6962 empty root and one-leaf root', () => {
    expect(mth([]).toString('hex')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(leafHash(Buffer.alloc(0)).toString('hex')).toBe('6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d');
  });

  it('every inclusion proof verifies, and a tampered proof or root does not', () => {
    for (const size of [1, 2, 3, 5, 8, 13, 70]) {
      const leaves = entries.slice(0, size).map((e) => leafHash(e));
      const root = mth(entries.slice(0, size));
      for (let m = 0; m < size; m += 1) {
        const path = inclusionPath(leaves, m);
        expect(verifyInclusion(leaves[m]!, m, size, path, root), `size ${size} leaf ${m}`).toBe(true);
        if (path.length > 0) {
          const bad = path.map((p, i) => { const c = Buffer.from(p); if (i === 0) c[0] = (c[0] as number) ^ 1; return c; });
          expect(verifyInclusion(leaves[m]!, m, size, bad, root)).toBe(false);
        }
        expect(verifyInclusion(leaves[m]!, m, size, path, leafHash(Buffer.from('x')))).toBe(false);
      }
    }
  });

  it('peaks whose count does not fit the size are refused', () => {
    expect(MerkleAppender.fromPeaks(3, [entries[0]!])).toBeUndefined();
  });
});
