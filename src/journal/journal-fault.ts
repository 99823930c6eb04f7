// Faults applied to a journal's bytes, for the property test over (journal, fault): what a
// crash, a bad disk or a careless edit does to a file. Each is a pure function of the bytes.
import { sha256Hex } from './checksum.js';
import { CHECKSUM_PREFIX_BYTES } from './journal-format.js';

export type JournalFault =
  | { readonly kind: 'truncate'; readonly at: number }
  | { readonly kind: 'zero-tail'; readonly bytes: number; readonly overwrite: boolean }
  | { readonly kind: 'flip-bit'; readonly at: number; readonly bit: number }
  | { readonly kind: 'duplicate-line' | 'delete-line'; readonly line: number }
  | { readonly kind: 'swap-lines'; readonly line: number }
  | { readonly kind: 'cut-in-character'; readonly nth: number; readonly into: number }
  /** A careless edit of one record's body that recomputes its checksum (so only the form or the next link can tell). */
  | { readonly kind: 'edit-rechecksummed'; readonly line: number; readonly at: number; readonly byte: number; readonly insert: boolean };

/** Bytes an edit puts into a record: JSON's structure, whitespace and number syntax. */
export const EDIT_BYTES = Buffer.from(' ,:{}[]"\\0.eE+-1aZ', 'latin1');

/** Start offsets of the lines (each ends with `\n`). */
export function lineStarts(bytes: Buffer): number[] {
  const starts: number[] = [];
  for (let at = 0; at < bytes.length; ) {
    starts.push(at);
    const nl = bytes.indexOf(0x0a, at);
    at = nl < 0 ? bytes.length : nl + 1;
  }
  return starts;
}

function lines(bytes: Buffer): Buffer[] {
  const s = lineStarts(bytes);
  return s.map((at, i) => bytes.subarray(at, s[i + 1] ?? bytes.length));
}

/** Offsets of the first byte of each multi-byte UTF-8 character. */
export function multiByteStarts(bytes: Buffer): number[] {
  const out: number[] = [];
  for (let i = 0; i < bytes.length; i += 1) if ((bytes[i] as number) >= 0xc0) out.push(i);
  return out;
}

/** Edits one byte of a chained record's body (after its checksum member) and seals the line again. */
function editRechecksummed(bytes: Buffer, f: Extract<JournalFault, { kind: 'edit-rechecksummed' }>): Buffer {
  const l = lines(bytes);
  if (l.length < 2) return bytes;
  const i = 1 + (f.line % (l.length - 1));
  const line = l[i]!.subarray(0, l[i]!.length - 1);
  if (line.length <= CHECKSUM_PREFIX_BYTES) return bytes;
  const at = CHECKSUM_PREFIX_BYTES + (f.at % (line.length - CHECKSUM_PREFIX_BYTES));
  const byte = Buffer.from([EDIT_BYTES[f.byte % EDIT_BYTES.length]!]);
  const edited = Buffer.concat([line.subarray(0, at), byte, line.subarray(f.insert ? at : at + 1)]);
  const checksum = sha256Hex(Buffer.concat([Buffer.from('{'), edited.subarray(CHECKSUM_PREFIX_BYTES)]));
  edited.write(checksum, '{"checksum":"sha256:'.length, 'latin1');
  return Buffer.concat([...l.slice(0, i), edited, Buffer.from('\n'), ...l.slice(i + 1)]);
}

export function applyFault(bytes: Buffer, f: JournalFault): Buffer {
  switch (f.kind) {
    case 'truncate':
      return bytes.subarray(0, Math.min(f.at, bytes.length));
    case 'zero-tail':
      return f.overwrite
        ? Buffer.concat([bytes.subarray(0, Math.max(0, bytes.length - f.bytes)), Buffer.alloc(Math.min(f.bytes, bytes.length))])
        : Buffer.concat([bytes, Buffer.alloc(f.bytes)]);
    case 'flip-bit': {
      const out = Buffer.from(bytes);
      const at = f.at % bytes.length;
      out[at] = (out[at] as number) ^ (1 << f.bit);
      return out;
    }
    case 'duplicate-line':
    case 'delete-line': {
      const l = lines(bytes);
      const i = f.line % l.length;
      return Buffer.concat(f.kind === 'delete-line' ? [...l.slice(0, i), ...l.slice(i + 1)] : [...l.slice(0, i + 1), l[i]!, ...l.slice(i + 1)]);
    }
    case 'swap-lines': {
      const l = lines(bytes);
      const i = f.line % Math.max(1, l.length - 1);
      if (l.length < 2) return bytes;
      return Buffer.concat([...l.slice(0, i), l[i + 1]!, l[i]!, ...l.slice(i + 2)]);
    }
    case 'edit-rechecksummed':
      return editRechecksummed(bytes, f);
    case 'cut-in-character': {
      const starts = multiByteStarts(bytes);
      if (starts.length === 0) return bytes;
      const at = starts[f.nth % starts.length] as number;
      return bytes.subarray(0, at + 1 + (f.into % 2));
    }
  }
}
