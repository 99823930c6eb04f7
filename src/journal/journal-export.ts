// The audit bundle: records in a range, each with its RFC 6962 inclusion proof against the
// tree head of a checkpoint (or the seal) that covers them. Any RFC 6962 verifier checks a
// proof with leaf entry = the record's 32 checksum bytes; the checksum is SHA-256 of the
// record's body (its line without the checksum member), which the bundle also carries.
import { canonicalize } from '../canonical/index.js';
import { checksumBytes } from './checksum.js';
import { inclusionPath } from './inclusion-proof.js';
import { forEachRecord } from './journal-records.js';
import { leafHash } from './merkle-tree.js';

export const EXPORT_VERSION = 'lockstep.journal-export.v1';

export interface ExportBundle {
  readonly export_version: typeof EXPORT_VERSION;
  readonly journal: string;
  /** The covering tree head: the checkpoint or seal record's line, verbatim. */
  readonly tree_head: string;
  readonly tree_size: number;
  readonly tree_root: string;
  readonly records: readonly { readonly index: number; readonly line: string; readonly leaf_index: number; readonly proof: readonly string[] }[];
}

export class ExportRangeError extends Error {
  override readonly name = 'ExportRangeError';
}

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

/** Exports records from..to (inclusive); leaf hashes are held in memory (32 bytes per record). */
export function exportRange(path: string, from: number, to: number, name: string = path): ExportBundle {
  const leaves: Uint8Array[] = [];
  const lines = new Map<number, string>();
  let head: { line: string; size: number; root: string } | undefined;
  forEachRecord(path, (r) => {
    if (r.position === 0) return true;
    const rec = r.record as { index: number; kind: string; checksum: string; tree_size?: number; tree_root?: string };
    if ((rec.kind === 'checkpoint' || rec.kind === 'seal') && (rec.tree_size ?? 0) >= to) {
      head = { line: r.bytes.toString('utf8'), size: rec.tree_size ?? 0, root: rec.tree_root ?? '' };
      return false;
    }
    leaves.push(leafHash(checksumBytes(rec.checksum)));
    if (rec.index >= from && rec.index <= to) lines.set(rec.index, r.bytes.toString('utf8'));
    return true;
  });
  if (from < 1 || to < from) throw new ExportRangeError(`range ${from}..${to} is empty or starts before record 1`);
  if (head === undefined) throw new ExportRangeError(`no checkpoint or seal covers record ${to} yet (a tree head comes every K records and at the seal)`);
  const h = head;
  const records = [...lines.entries()].map(([index, line]) => ({
    index,
    line,
    leaf_index: index - 1,
    proof: inclusionPath(leaves.slice(0, h.size), index - 1).map(hex),
  }));
  return { export_version: EXPORT_VERSION, journal: name, tree_head: h.line, tree_size: h.size, tree_root: h.root, records };
}

export function exportJson(b: ExportBundle): string {
  return canonicalize(b);
}
