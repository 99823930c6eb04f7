// The JavaScript SHA-256 of RFC 6962 leaves and nodes gives node:crypto's digest for every input
// tried: random entries, all-zero and all-0xff bytes (carries in every word), and a Buffer view
// at an odd offset (how a digest sliced from a chunk arrives).
import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256Leaf, sha256Node } from '../../src/journal/merkle-sha256.js';

const native = (...parts: Uint8Array[]): string => parts.reduce((h, p) => h.update(p), createHash('sha256')).digest('hex');

describe('merkle-sha256', () => {
  const samples = [Buffer.alloc(32), Buffer.alloc(32, 0xff), Buffer.from([...Array(32).keys()]), ...Array.from({ length: 500 }, () => randomBytes(32))];

  it('a leaf is SHA-256(0x00 || entry)', () => {
    for (const e of samples) expect(sha256Leaf(e).toString('hex')).toBe(native(Buffer.from([0]), e));
  });

  it('a node is SHA-256(0x01 || left || right)', () => {
    for (let i = 0; i < samples.length; i += 1) {
      const l = samples[i]!;
      const r = samples[(i * 7 + 3) % samples.length]!;
      expect(sha256Node(l, r).toString('hex')).toBe(native(Buffer.from([1]), l, r));
    }
  });

  it('reads views at any offset and does not keep state between calls', () => {
    const backing = randomBytes(99);
    const l = backing.subarray(1, 33);
    const r = backing.subarray(35, 67);
    const first = sha256Node(l, r).toString('hex');
    sha256Leaf(backing.subarray(67, 99));
    expect(sha256Node(l, r).toString('hex')).toBe(first);
    expect(first).toBe(native(Buffer.from([1]), l, r));
  });
});
