// Checks one complete chained line (bytes without `\n`) against the chain so far, in a fixed
// order of checks so the Rust twin (chained_line.rs) names the same reason for the same bytes.
import { hash } from 'node:crypto';
import { checksumBytes } from './checksum.js';
import type { DamageReason } from './journal-decision.js';
import { CHECKSUM_PREFIX_BYTES } from './journal-format.js';
import { MerkleAppender } from './merkle-tree.js';
import { SAFE_INTEGER_MAX } from '../protocol/limits.js';

/** The chain as verified so far. */
export interface ChainState {
  /** Index the next line must carry. */
  expected: number;
  /** Checksum the next line must link. */
  previous: string;
  merkle: MerkleAppender;
  sealed: boolean;
  /** K, from the header. */
  readonly interval: number;
}

/** The fixed-position fields every chained line starts with. */
export interface LinePrefix {
  readonly checksum: string;
  readonly index: number;
  readonly kind: string;
  readonly previous: string;
}

export interface LineFinding {
  readonly reason: DamageReason;
  readonly message: string;
}

const KINDS: ReadonlySet<string> = new Set(['step', 'line_fault', 'checkpoint', 'recovered', 'seal']);
const OPEN = Buffer.from('{"checksum":"sha256:', 'latin1');
const INDEX_KEY = Buffer.from('","index":', 'latin1');
const KIND_KEY = Buffer.from(',"kind":"', 'latin1');
const LINK_KEY = Buffer.from(',"previous_checksum":"sha256:', 'latin1');
const INDEX_MAX = SAFE_INTEGER_MAX;
/** The fixed-position fields lie within this many leading bytes of a line. */
const PREFIX_WINDOW_BYTES = 320;

function matchesAt(bytes: Uint8Array, end: number, at: number, what: Uint8Array): boolean {
  if (at + what.length > end) return false;
  for (let i = 0; i < what.length; i += 1) if (bytes[at + i] !== what[i]) return false;
  return true;
}

/** Whether 64 lowercase hex digits start at `at` (within `end`). */
function hexAt(bytes: Uint8Array, end: number, at: number): boolean {
  if (at + 64 > end) return false;
  for (let i = at; i < at + 64; i += 1) {
    const c = bytes[i] as number;
    if (!((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66))) return false;
  }
  return true;
}

const latin1 = (bytes: Uint8Array, from: number, to: number): string => Buffer.from(bytes.buffer, bytes.byteOffset + from, to - from).toString('latin1');

/** Reads `{"checksum":"sha256:H","index":N,"kind":"K","previous_checksum":"sha256:P"` (byte by byte, as the Rust twin). */
export function readPrefix(bytes: Uint8Array): LinePrefix | undefined {
  const end = Math.min(bytes.length, PREFIX_WINDOW_BYTES);
  if (!matchesAt(bytes, end, 0, OPEN) || !hexAt(bytes, end, OPEN.length)) return undefined;
  let at = OPEN.length + 64;
  if (!matchesAt(bytes, end, at, INDEX_KEY)) return undefined;
  at += INDEX_KEY.length;
  const isDigit = (i: number): boolean => i < end && (bytes[i] as number) >= 0x30 && (bytes[i] as number) <= 0x39;
  if (!isDigit(at)) return undefined;
  let take = 1;
  if (bytes[at] !== 0x30) while (take < 16 && isDigit(at + take)) take += 1;
  const index = Number(latin1(bytes, at, at + take));
  if (index > INDEX_MAX) return undefined;
  at += take;
  if (!matchesAt(bytes, end, at, KIND_KEY)) return undefined;
  at += KIND_KEY.length;
  let close = at;
  while (close < end && bytes[close] !== 0x22) close += 1;
  if (close >= end || close === at || close - at > 32) return undefined;
  for (let i = at; i < close; i += 1) {
    const c = bytes[i] as number;
    if (!((c >= 0x61 && c <= 0x7a) || c === 0x5f)) return undefined;
  }
  const kind = latin1(bytes, at, close);
  at = close + 1;
  if (!matchesAt(bytes, end, at, LINK_KEY) || !hexAt(bytes, end, at + LINK_KEY.length)) return undefined;
  const previousAt = at + LINK_KEY.length;
  if (previousAt + 64 >= end || bytes[previousAt + 64] !== 0x22) return undefined;
  return {
    checksum: `sha256:${latin1(bytes, OPEN.length, OPEN.length + 64)}`,
    index,
    kind,
    previous: `sha256:${latin1(bytes, previousAt, previousAt + 64)}`,
  };
}

/** SHA-256 of the body: `{` and the line after its checksum member (the byte before it, a comma, stands in for the brace). */
function bodyChecksum(bytes: Uint8Array): string {
  const at = CHECKSUM_PREFIX_BYTES - 1;
  const saved = bytes[at] as number;
  bytes[at] = 0x7b;
  try {
    return `sha256:${hash('sha256', bytes.subarray(at), 'hex')}`;
  } finally {
    bytes[at] = saved;
  }
}

function treeFinding(bytes: Uint8Array, p: LinePrefix, state: ChainState): LineFinding | undefined {
  let record: { tree_size?: unknown; tree_root?: unknown; tree_peaks?: unknown };
  try {
    record = JSON.parse(Buffer.from(bytes).toString('utf8')) as typeof record;
  } catch {
    return { reason: 'malformed', message: `${p.kind} is not JSON` };
  }
  const hex = (b: Uint8Array): string => `sha256:${Buffer.from(b).toString('hex')}`;
  if (record.tree_size !== state.merkle.size) {
    return { reason: 'bad_tree', message: `tree_size ${String(record.tree_size)} but ${state.merkle.size} records precede it` };
  }
  if (record.tree_root !== hex(state.merkle.root())) return { reason: 'bad_tree', message: 'tree_root is not the root of the records before it' };
  if (p.kind === 'checkpoint') {
    const peaks = state.merkle.peakList().map(hex);
    if (!Array.isArray(record.tree_peaks) || record.tree_peaks.join(',') !== peaks.join(',')) {
      return { reason: 'bad_tree', message: 'tree_peaks are not the peaks of the records before it' };
    }
  }
  return undefined;
}

/** The finding for one line, or undefined when it verifies (the state then moves past it). */
export function checkChainedLine(bytes: Uint8Array, state: ChainState): LineFinding | undefined {
  const p = readPrefix(bytes);
  if (p === undefined) return { reason: 'malformed', message: 'line does not start with checksum, index, kind and previous_checksum' };
  const actual = bodyChecksum(bytes);
  if (actual !== p.checksum) return { reason: 'bad_checksum', message: `checksum ${p.checksum} but the bytes hash to ${actual}` };
  if (p.index !== state.expected) return { reason: 'bad_index', message: `index ${p.index} where ${state.expected} belongs` };
  if (p.previous !== state.previous) return { reason: 'broken_link', message: `previous_checksum ${p.previous} is not ${state.previous}` };
  if (state.sealed) return { reason: 'after_seal', message: `${p.kind} after the seal` };
  if (!KINDS.has(p.kind)) return { reason: 'unknown_kind', message: `kind ${p.kind}` };
  const due = p.index % state.interval === 0;
  if (due && p.kind !== 'checkpoint') return { reason: 'missing_checkpoint', message: `${p.kind} where checkpoint ${p.index} belongs` };
  if (!due && p.kind === 'checkpoint') return { reason: 'unexpected_checkpoint', message: `checkpoint at index ${p.index}, not a multiple of ${state.interval}` };
  if (p.kind === 'checkpoint' || p.kind === 'seal') {
    const finding = treeFinding(bytes, p, state);
    if (finding !== undefined) return finding;
  }
  state.merkle.append(checksumBytes(p.checksum));
  state.previous = p.checksum;
  state.expected += 1;
  state.sealed = p.kind === 'seal';
  return undefined;
}
