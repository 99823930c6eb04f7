// Compares two journals: equal chain heads mean equal journals (O(1) once both are read to
// their ends); otherwise the first differing record is found by bisecting over the checkpoints
// both hold (equal checksums at index i mean records 1..i are equal: the chain links them),
// then walking at most K records. The header (the writer) is compared apart.
import { closeSync, fstatSync, openSync } from 'node:fs';
import { canonicalize } from '../canonical/index.js';
import { firstDifference, renderValue } from '../harness/first-difference.js';
import { readPrefix } from './chained-line.js';
import { forEachLine, tornStart } from './journal-lines.js';

export const COMPARE_VERSION = 'lockstep.journal-compare.v1';

export interface JournalSide {
  readonly file: string;
  readonly records: number;
  readonly head: string;
  readonly writer: string;
}

export interface CompareResult {
  readonly compare_version: typeof COMPARE_VERSION;
  readonly a: JournalSide;
  readonly b: JournalSide;
  readonly identical: boolean;
  readonly headers_equal: boolean;
  readonly first_difference?: { readonly index: number; readonly pointer: string; readonly a: string; readonly b: string };
  /** Checkpoints compared while bisecting (for the O(log n) claim). */
  readonly checkpoints_compared: number;
}

interface Outline {
  readonly header: string;
  readonly records: number;
  readonly head: string;
  /** index -> [checksum, offset] of every checkpoint. */
  readonly checkpoints: Map<number, { checksum: string; offset: number }>;
  readonly end: number;
}

/** Reads only the fixed prefixes: header, count, head and the checkpoints' positions. */
function outline(path: string): Outline {
  const fd = openSync(path, 'r');
  try {
    const end = tornStart(fd, fstatSync(fd).size);
    let header = '';
    let records = 0;
    let head = '';
    const checkpoints = new Map<number, { checksum: string; offset: number }>();
    forEachLine(fd, 0, end, (bytes, offset) => {
      if (bytes === undefined) return true;
      if (offset === 0) {
        header = bytes.toString('utf8');
        return true;
      }
      const p = readPrefix(bytes);
      if (p === undefined) return true;
      records = p.index;
      head = p.checksum;
      if (p.kind === 'checkpoint') checkpoints.set(p.index, { checksum: p.checksum, offset });
      return true;
    });
    return { header, records, head, checkpoints, end };
  } finally {
    closeSync(fd);
  }
}

function writerOf(header: string): string {
  try {
    const h = JSON.parse(header) as { run?: { implementation?: { name?: string; language?: string }; build_id?: string } };
    return `${h.run?.implementation?.name ?? '?'} (${h.run?.implementation?.language ?? '?'}) ${h.run?.build_id ?? ''}`.trim();
  } catch {
    return '(no header)';
  }
}

/** Records from `offset` on, by index. */
function recordsFrom(path: string, offset: number, count: number): Map<number, string> {
  const out = new Map<number, string>();
  const fd = openSync(path, 'r');
  try {
    const end = tornStart(fd, fstatSync(fd).size);
    forEachLine(fd, offset, end, (bytes) => {
      const text = bytes?.toString('utf8') ?? '';
      const p = bytes === undefined ? undefined : readPrefix(bytes);
      if (p !== undefined) out.set(p.index, text);
      return out.size < count;
    });
  } finally {
    closeSync(fd);
  }
  return out;
}

function differenceOf(index: number, a: string | undefined, b: string | undefined): NonNullable<CompareResult['first_difference']> {
  const parse = (t: string | undefined): unknown => (t === undefined ? undefined : (JSON.parse(t) as Record<string, unknown>));
  const strip = (v: unknown): unknown => {
    if (v === undefined) return undefined;
    const { checksum: _c, previous_checksum: _p, ...rest } = v as Record<string, unknown>;
    return rest;
  };
  const d = firstDifference(strip(parse(a)), strip(parse(b))) ?? firstDifference(parse(a), parse(b));
  if (d === undefined) return { index, pointer: '', a: a ?? '(absent)', b: b ?? '(absent)' };
  return { index, pointer: d.pointer, a: renderValue(d.expected), b: renderValue(d.actual) };
}

export function compareJournals(pathA: string, pathB: string): CompareResult {
  const A = outline(pathA);
  const B = outline(pathB);
  const side = (file: string, o: Outline): JournalSide => ({ file, records: o.records, head: o.head, writer: writerOf(o.header) });
  const headersEqual = A.header === B.header;
  const base = { compare_version: COMPARE_VERSION, a: side(pathA, A), b: side(pathB, B), headers_equal: headersEqual } as const;
  if (A.records === B.records && A.head === B.head) return { ...base, identical: true, checkpoints_compared: 0 };
  // Bisect over the checkpoints both journals hold: the last one with equal checksums.
  const shared = [...A.checkpoints.keys()].filter((i) => B.checkpoints.has(i)).sort((x, y) => x - y);
  let lo = -1;
  let hi = shared.length;
  let compared = 0;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    const i = shared[mid] as number;
    compared += 1;
    if (A.checkpoints.get(i)?.checksum === B.checkpoints.get(i)?.checksum) lo = mid;
    else hi = mid;
  }
  const start = lo < 0 ? undefined : (shared[lo] as number);
  const offA = start === undefined ? 0 : (A.checkpoints.get(start)?.offset ?? 0);
  const offB = start === undefined ? 0 : (B.checkpoints.get(start)?.offset ?? 0);
  const window = Math.max(A.records, B.records) - (start ?? 0) + 1;
  const span = Math.min(window, (hi < shared.length ? (shared[hi] as number) : Math.max(A.records, B.records)) - (start ?? 0) + 1);
  const ra = recordsFrom(pathA, offA, span);
  const rb = recordsFrom(pathB, offB, span);
  for (let i = start ?? 1; i <= Math.max(A.records, B.records); i += 1) {
    const a = ra.get(i);
    const b = rb.get(i);
    const sameChecksum = a !== undefined && b !== undefined && a.slice(0, 86) === b.slice(0, 86);
    if (!sameChecksum) return { ...base, identical: false, first_difference: differenceOf(i, a, b), checkpoints_compared: compared };
  }
  return { ...base, identical: false, checkpoints_compared: compared };
}

/** The result as a person reads it. */
export function describeComparison(r: CompareResult): string {
  if (r.identical) return `identical: ${r.a.records} records, head ${r.a.head}${r.headers_equal ? '' : ` (writers differ: ${r.a.writer} / ${r.b.writer})`}`;
  const d = r.first_difference;
  if (d === undefined) return 'journals differ (no differing record found)';
  return `first difference at record ${d.index}, ${d.pointer || '/'}:\n  ${r.a.file}: ${d.a}\n  ${r.b.file}: ${d.b}`;
}

export function compareJson(r: CompareResult): string {
  return canonicalize(r);
}
