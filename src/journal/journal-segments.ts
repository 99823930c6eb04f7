// A full verify cut into segments that start at checkpoints, so each can be verified on its own
// (journal-parallel.ts runs them on threads). A segment after the first starts from the state its
// first line, a checkpoint, claims (checkpoint-state.ts); the claim is only trusted once the
// segment before it ends in exactly that state, which is what makes the joined verdict the
// sequential one: every accepted segment was verified from the state the sequential scan has there.
import type { ChainState } from './chained-line.js';
import { verifyChainRange } from './chain-range.js';
import { checksumBytes } from './checksum.js';
import { checkpointState } from './checkpoint-state.js';
import { readAt, READ_CHUNK_BYTES } from './journal-lines.js';
import { MerkleAppender } from './merkle-tree.js';

/** A chain state as plain data (it crosses threads). */
export interface PlainState {
  readonly expected: number;
  readonly previous: string;
  readonly peaks: readonly string[];
  readonly sealed: boolean;
}

/** What one segment's verify found. */
export interface SegmentOutcome {
  readonly segment: number;
  /** The state the segment's checkpoint claims (absent: its first line is no readable checkpoint). */
  readonly claimed?: PlainState;
  /** The state after the segment's last line (absent: a line did not verify, or no claim). */
  readonly end?: PlainState;
  /** The build id of the segment's last recovered record, if it has one. */
  readonly runBuildId?: string;
  /** Why the segment could not be verified at all (an I/O error): it is redone in order. */
  readonly error?: string;
}

/** A segment's bytes: [start, end), both line boundaries. */
export interface SegmentTask {
  readonly segment: number;
  readonly start: number;
  readonly end: number;
  readonly interval: number;
}

const hex = (b: Uint8Array): string => `sha256:${Buffer.from(b).toString('hex')}`;

export function plainState(s: ChainState): PlainState {
  return { expected: s.expected, previous: s.previous, peaks: s.merkle.peakList().map(hex), sealed: s.sealed };
}

/** Whether the chain `s` has reached is exactly the one a segment claims to start from. */
export function sameState(s: ChainState, claim: PlainState): boolean {
  const peaks = s.merkle.peakList();
  return (
    s.expected === claim.expected &&
    s.previous === claim.previous &&
    s.sealed === claim.sealed &&
    peaks.length === claim.peaks.length &&
    peaks.every((p, i) => hex(p) === claim.peaks[i])
  );
}

/** Moves `s` to a segment's verified end state. */
export function adoptState(s: ChainState, end: PlainState, runBuildId: string | undefined): void {
  s.expected = end.expected;
  s.previous = end.previous;
  s.sealed = end.sealed;
  s.merkle = MerkleAppender.fromPeaks(end.expected - 1, end.peaks.map(checksumBytes)) as MerkleAppender;
  if (runBuildId !== undefined) s.runBuildId = runBuildId;
}

/** The bytes of the line starting at `offset` (up to the checkpoint size bound), without `\n`; undefined when longer. */
function lineAt(fd: number, offset: number, to: number): Buffer | undefined {
  for (let window = 4096; ; window *= 4) {
    const bytes = readAt(fd, offset, Math.min(window, to - offset));
    const nl = bytes.indexOf(0x0a);
    if (nl >= 0) return bytes.subarray(0, nl);
    if (offset + bytes.length >= to || window >= READ_CHUNK_BYTES) return undefined;
  }
}

/** Verifies one segment from the state its checkpoint claims. */
export function verifySegment(fd: number, task: SegmentTask): SegmentOutcome {
  const first = lineAt(fd, task.start, task.end);
  const state = first === undefined ? undefined : checkpointState(first, task.interval);
  if (state === undefined) return { segment: task.segment };
  const claimed = plainState(state);
  const check = verifyChainRange(fd, task.start, task.end, state);
  if (check.damage !== undefined) return { segment: task.segment, claimed };
  const built = state.runBuildId === undefined ? {} : { runBuildId: state.runBuildId };
  return { segment: task.segment, claimed, end: plainState(state), ...built };
}

const CHECKPOINT_KIND = Buffer.from(',"kind":"checkpoint",', 'latin1');
/** Where `,"kind":"checkpoint",` would sit in a line's prefix: after the checksum and index. */
const KIND_AT_MIN = '{"checksum":"sha256:'.length + 64 + '","index":'.length + 1;
const KIND_AT_MAX = KIND_AT_MIN + 16;

/** Whether the line at `at` of `chunk` looks like a checkpoint (the segment's own verify decides). */
function looksLikeCheckpoint(chunk: Buffer, at: number): boolean {
  return chunk.subarray(at + KIND_AT_MIN, at + KIND_AT_MAX + CHECKPOINT_KIND.length).includes(CHECKPOINT_KIND);
}

/** The first line start at or after `from` (a byte after `\n`) whose line looks like a checkpoint, before `to`. */
function nextCheckpoint(fd: number, from: number, to: number): number | undefined {
  for (let at = from; at < to; ) {
    const chunk = readAt(fd, at, Math.min(READ_CHUNK_BYTES, to - at));
    if (chunk.length === 0) return undefined;
    for (let nl = chunk.indexOf(0x0a); nl >= 0 && nl + 1 < chunk.length; nl = chunk.indexOf(0x0a, nl + 1)) {
      if (looksLikeCheckpoint(chunk, nl + 1)) return at + nl + 1;
    }
    // The last line of the chunk may be cut: go on from the `\n` before it (a line longer than
    // a chunk is no checkpoint: those hold a few peaks).
    const last = chunk.lastIndexOf(0x0a);
    at += last <= 0 || chunk.length < READ_CHUNK_BYTES ? chunk.length : last;
  }
  return undefined;
}

/**
 * Segment starts in [from, to): `from`, then the first checkpoint in each 1/parts of the range
 * (none when that part holds none: each part is searched once, so sparse checkpoints cost one read).
 */
export function segmentStarts(fd: number, from: number, to: number, parts: number): number[] {
  const starts = [from];
  const bound = (i: number): number => from + Math.floor(((to - from) * i) / parts);
  for (let i = 1; i < parts; i += 1) {
    const last = starts[starts.length - 1]!;
    const at = nextCheckpoint(fd, Math.max(bound(i) - 1, last), Math.max(bound(i + 1), last + 1));
    if (at !== undefined && at > last && at < to) starts.push(at);
  }
  return starts;
}
