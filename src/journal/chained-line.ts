// Checks one complete chained line (bytes without `\n`) against the chain so far, in a fixed
// order of checks so the Rust twin (chained_line.rs) names the same reason for the same bytes.
import { createHash } from 'node:crypto';
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

/** SHA-256 of the body: `{` and the line after its checksum member. */
function bodyChecksum(bytes: Uint8Array): string {
  return `sha256:${createHash('sha256').update('{').update(bytes.subarray(CHECKSUM_PREFIX_BYTES)).digest('hex')}`;
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
