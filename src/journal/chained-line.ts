// Checks one complete chained line (bytes without `\n`) against the chain so far, in a fixed
// order of checks so the Rust twin (chained_line.rs) names the same reason for the same bytes.
import { hash } from 'node:crypto';
import { isCanonicalLine } from './canonical-line.js';
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
  /**
   * Build id of the run that wrote the chain head: the header's, then each recovered record's
   * (a new run starts there). Known after a full scan; absent when resumed from a checkpoint.
   */
  runBuildId?: string;
}

/** The build id a recovered record names (`unknown` when it names none: written before runs were named). */
function recoveredBuildId(bytes: Buffer): string {
  try {
    const id = (JSON.parse(bytes.toString('utf8')) as { run?: { build_id?: unknown } }).run?.build_id;
    return typeof id === 'string' ? id : 'unknown';
  } catch {
    return 'unknown';
  }
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
const OPEN = '{"checksum":"sha256:';
const HEX = /^[0-9a-f]{64}$/;
const INDEX_MAX = SAFE_INTEGER_MAX;
/** The fixed-position fields lie within this many leading bytes of a line. */
const PREFIX_WINDOW_BYTES = 320;

function hexAt(text: string, at: number): string | undefined {
  const hex = text.slice(at, at + 64);
  return HEX.test(hex) ? hex : undefined;
}

/** Reads `{"checksum":"sha256:H","index":N,"kind":"K","previous_checksum":"sha256:P"`. */
export function readPrefix(bytes: Uint8Array): LinePrefix | undefined {
  const text = Buffer.from(bytes.subarray(0, PREFIX_WINDOW_BYTES)).toString('latin1');
  if (!text.startsWith(OPEN)) return undefined;
  const checksum = hexAt(text, OPEN.length);
  if (checksum === undefined || !text.startsWith('","index":', OPEN.length + 64)) return undefined;
  let at = OPEN.length + 64 + '","index":'.length;
  const digits = /^(0|[1-9][0-9]{0,15})/.exec(text.slice(at))?.[0];
  if (digits === undefined || Number(digits) > INDEX_MAX) return undefined;
  at += digits.length;
  if (!text.startsWith(',"kind":"', at)) return undefined;
  at += ',"kind":"'.length;
  const end = text.indexOf('"', at);
  if (end < 0) return undefined;
  const kind = text.slice(at, end);
  if (!/^[a-z_]{1,32}$/.test(kind)) return undefined;
  at = end + 1;
  const link = ',"previous_checksum":"sha256:';
  if (!text.startsWith(link, at)) return undefined;
  const previous = hexAt(text, at + link.length);
  if (previous === undefined || text[at + link.length + 64] !== '"') return undefined;
  return { checksum: `sha256:${checksum}`, index: Number(digits), kind, previous: `sha256:${previous}` };
}

// The hot path of a full verify works on the line's bytes: no string per line, no JSON parse of a
// step. The fixed prefix is read in place (prefixAt), the body hashed in one call and its digest
// compared with the hex the line carries, and the digest itself is the Merkle leaf entry.

/** Lowercase hex digit values by byte (-1: not a hex digit the format allows). */
const HEX_VALUE = new Int8Array(256).fill(-1);
for (let i = 0; i < 16; i += 1) HEX_VALUE['0123456789abcdef'.charCodeAt(i)] = i;
const HEX_DIGITS = Buffer.from('0123456789abcdef', 'latin1');

/** Whether bytes[at, at+64) are lowercase hex digits. */
function isHexAt(bytes: Uint8Array, at: number): boolean {
  if (at + 64 > bytes.length) return false;
  for (let i = at; i < at + 64; i += 1) if (HEX_VALUE[bytes[i]!]! < 0) return false;
  return true;
}

/** Whether bytes[at, at+64) spell `digest` in lowercase hex. */
function hexEquals(bytes: Uint8Array, at: number, digest: Uint8Array): boolean {
  for (let i = 0; i < 32; i += 1) {
    const b = digest[i]!;
    if (bytes[at + 2 * i] !== HEX_DIGITS[b >> 4] || bytes[at + 2 * i + 1] !== HEX_DIGITS[b & 15]) return false;
  }
  return true;
}

function startsWithAt(bytes: Uint8Array, at: number, what: Uint8Array): boolean {
  if (at + what.length > bytes.length) return false;
  for (let i = 0; i < what.length; i += 1) if (bytes[at + i] !== what[i]) return false;
  return true;
}

const OPEN_BYTES = Buffer.from(OPEN, 'latin1');
const INDEX_KEY = Buffer.from('","index":', 'latin1');
const KIND_KEY = Buffer.from(',"kind":"', 'latin1');
const LINK_KEY = Buffer.from(',"previous_checksum":"sha256:', 'latin1');
/** Where the checksum's hex starts: after `{"checksum":"sha256:`. */
const CHECKSUM_HEX_AT = OPEN.length;
const KIND_BYTES_MAX = 32;
const KNOWN_KINDS = [...KINDS].map((k) => ({ kind: k, bytes: Buffer.from(k, 'latin1') }));

/** Where the fixed-position fields of a chained line are. */
interface PrefixLayout {
  readonly index: number;
  readonly kind: string;
  /** Offset of previous_checksum's 64 hex digits. */
  readonly previousAt: number;
}

/** The kind's text: a constant for the known kinds (no string per line), else decoded once. */
function kindText(bytes: Buffer, from: number, to: number): string {
  for (const k of KNOWN_KINDS) if (k.bytes.length === to - from && startsWithAt(bytes, from, k.bytes)) return k.kind;
  return bytes.toString('latin1', from, to);
}

/**
 * Reads `{"checksum":"sha256:H","index":N,"kind":"K","previous_checksum":"sha256:P"` in place.
 * Accepts exactly what readPrefix accepts (the same grammar, byte by byte; the kind is at most
 * 32 of [a-z_] and ends at its quote, so it always lies inside readPrefix's window).
 */
function prefixAt(bytes: Buffer): PrefixLayout | undefined {
  if (!startsWithAt(bytes, 0, OPEN_BYTES) || !isHexAt(bytes, CHECKSUM_HEX_AT)) return undefined;
  let at = CHECKSUM_HEX_AT + 64;
  if (!startsWithAt(bytes, at, INDEX_KEY)) return undefined;
  at += INDEX_KEY.length;
  // 0, or 1 to 16 digits without a leading zero, then the kind key: readPrefix's /^(0|[1-9][0-9]{0,15})/.
  const digitsFrom = at;
  let index = 0;
  if (bytes[at] === 0x30) at += 1;
  else {
    while (at < bytes.length && at - digitsFrom < 16 && bytes[at]! >= 0x30 && bytes[at]! <= 0x39) {
      index = index * 10 + (bytes[at]! - 0x30);
      at += 1;
    }
  }
  if (at === digitsFrom || index > INDEX_MAX || !startsWithAt(bytes, at, KIND_KEY)) return undefined;
  at += KIND_KEY.length;
  const kindFrom = at;
  while (at < bytes.length && at - kindFrom <= KIND_BYTES_MAX && ((bytes[at]! >= 0x61 && bytes[at]! <= 0x7a) || bytes[at] === 0x5f)) at += 1;
  if (at === kindFrom || at - kindFrom > KIND_BYTES_MAX || bytes[at] !== 0x22) return undefined;
  const kind = kindText(bytes, kindFrom, at);
  at += 1;
  if (!startsWithAt(bytes, at, LINK_KEY)) return undefined;
  const previousAt = at + LINK_KEY.length;
  if (!isHexAt(bytes, previousAt) || bytes[previousAt + 64] !== 0x22) return undefined;
  return { index, kind, previousAt };
}

/**
 * SHA-256 of the body: `{` and the line after its checksum member. The byte before the body is
 * the `,` that ends the checksum member (prefixAt checked it); it is overwritten with `{` for the
 * one-shot hash and put back, so the body is hashed in place in a single call.
 */
function bodyDigest(bytes: Buffer): Buffer {
  const at = CHECKSUM_PREFIX_BYTES - 1;
  bytes[at] = 0x7b;
  const digest = hash('sha256', bytes.subarray(at), 'buffer');
  bytes[at] = 0x2c;
  return digest;
}

/** The checksum text of a verified line, read from its bytes: `sha256:` and the hex. */
function checksumText(bytes: Buffer): string {
  return bytes.toString('latin1', CHECKSUM_HEX_AT - 'sha256:'.length, CHECKSUM_HEX_AT + 64);
}

/** Whether bytes[at, at+64) are the hex of `checksum` (a `sha256:` text). */
function hexIsChecksum(bytes: Uint8Array, at: number, checksum: string): boolean {
  for (let i = 0; i < 64; i += 1) if (bytes[at + i] !== checksum.charCodeAt(7 + i)) return false;
  return true;
}

function treeFinding(bytes: Uint8Array, kind: string, state: ChainState): LineFinding | undefined {
  let record: { tree_size?: unknown; tree_root?: unknown; tree_peaks?: unknown };
  try {
    record = JSON.parse(Buffer.from(bytes).toString('utf8')) as typeof record;
  } catch {
    return { reason: 'malformed', message: `${kind} is not JSON` };
  }
  const hex = (b: Uint8Array): string => `sha256:${Buffer.from(b).toString('hex')}`;
  if (record.tree_size !== state.merkle.size) {
    return { reason: 'bad_tree', message: `tree_size ${String(record.tree_size)} but ${state.merkle.size} records precede it` };
  }
  if (record.tree_root !== hex(state.merkle.root())) return { reason: 'bad_tree', message: 'tree_root is not the root of the records before it' };
  if (kind === 'checkpoint') {
    const peaks = state.merkle.peakList().map(hex);
    if (!Array.isArray(record.tree_peaks) || record.tree_peaks.join(',') !== peaks.join(',')) {
      return { reason: 'bad_tree', message: 'tree_peaks are not the peaks of the records before it' };
    }
  }
  return undefined;
}

/** The finding for one line, or undefined when it verifies (the state then moves past it). */
export function checkChainedLine(bytes: Buffer, state: ChainState): LineFinding | undefined {
  const p = prefixAt(bytes);
  if (p === undefined) return { reason: 'malformed', message: 'line does not start with checksum, index, kind and previous_checksum' };
  const digest = bodyDigest(bytes);
  if (!hexEquals(bytes, CHECKSUM_HEX_AT, digest)) {
    return { reason: 'bad_checksum', message: `checksum ${checksumText(bytes)} but the bytes hash to sha256:${digest.toString('hex')}` };
  }
  // The checksum proves the bytes are those hashed, not that a writer hashed canonical bytes.
  if (!isCanonicalLine(bytes)) return { reason: 'not_canonical', message: 'line is not the canonical JSON of its record' };
  if (p.index !== state.expected) return { reason: 'bad_index', message: `index ${p.index} where ${state.expected} belongs` };
  if (!hexIsChecksum(bytes, p.previousAt, state.previous)) {
    return { reason: 'broken_link', message: `previous_checksum sha256:${bytes.toString('latin1', p.previousAt, p.previousAt + 64)} is not ${state.previous}` };
  }
  if (state.sealed) return { reason: 'after_seal', message: `${p.kind} after the seal` };
  if (!KINDS.has(p.kind)) return { reason: 'unknown_kind', message: `kind ${p.kind}` };
  const due = p.index % state.interval === 0;
  if (due && p.kind !== 'checkpoint') return { reason: 'missing_checkpoint', message: `${p.kind} where checkpoint ${p.index} belongs` };
  if (!due && p.kind === 'checkpoint') return { reason: 'unexpected_checkpoint', message: `checkpoint at index ${p.index}, not a multiple of ${state.interval}` };
  if (p.kind === 'checkpoint' || p.kind === 'seal') {
    const finding = treeFinding(bytes, p.kind, state);
    if (finding !== undefined) return finding;
  }
  state.merkle.append(digest);
  state.previous = checksumText(bytes);
  state.expected += 1;
  state.sealed = p.kind === 'seal';
  // A recovered record starts a run: the next resume names its build (rare: parsed here only).
  if (p.kind === 'recovered') state.runBuildId = recoveredBuildId(bytes);
  return undefined;
}
