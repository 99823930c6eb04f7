// The chain state a checkpoint line claims: its index and link, and the Merkle peaks of the
// records before it. A quick verify resumes from it (trusting what it covers); a parallel full
// verify starts a segment from it and then proves the claim by joining (journal-segments.ts).
import { checksumBytes } from './checksum.js';
import { readPrefix, type ChainState } from './chained-line.js';
import { MerkleAppender } from './merkle-tree.js';

const PEAK = /^sha256:[0-9a-f]{64}$/;

/** The state before the checkpoint `line` (bytes without `\n`), or undefined when it is not a readable checkpoint. */
export function checkpointState(line: Uint8Array, interval: number): ChainState | undefined {
  const p = readPrefix(line);
  if (p?.kind !== 'checkpoint') return undefined;
  let peaks: unknown;
  try {
    peaks = (JSON.parse(Buffer.from(line).toString('utf8')) as { tree_peaks?: unknown }).tree_peaks;
  } catch {
    return undefined;
  }
  if (p.index < 1 || !Array.isArray(peaks) || !peaks.every((x) => typeof x === 'string' && PEAK.test(x))) return undefined;
  const merkle = MerkleAppender.fromPeaks(p.index - 1, peaks.map((x: string) => checksumBytes(x)));
  if (merkle === undefined) return undefined;
  return { expected: p.index, previous: p.previous, merkle, sealed: false, interval };
}
