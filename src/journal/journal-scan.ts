// Opens a journal read-only and decides its case (journal-decision.ts): full (every line from
// the header) or quick (the header, then from the last checkpoint to the end). The Rust twin
// is journal_scan.rs; both take the same decision for the same bytes.
import { closeSync, fstatSync, openSync } from 'node:fs';
import type { JournalHeader } from '../../generated/ts/types.js';
import type { ChainState } from './chained-line.js';
import { verifyChainRange } from './chain-range.js';
import { checkpointState } from './checkpoint-state.js';
import { verifyChainParallel, verifyThreads, type VerifyOptions } from './journal-parallel.js';
import type { JournalDamage, JournalDecision } from './journal-decision.js';
import { ZERO_CHECKSUM } from './journal-format.js';
import { checkHeader } from './journal-header.js';
import { forEachLine, readAt, tornStart, READ_CHUNK_BYTES } from './journal-lines.js';
import { MerkleAppender } from './merkle-tree.js';

export type ScanMode = 'full' | 'quick';

export interface JournalScan {
  readonly decision: JournalDecision;
  /** The verified chain, ready to continue (absent when empty, damaged or without a header). */
  readonly state?: ChainState;
  readonly header?: JournalHeader;
  /** Where the torn tail starts (= file size when there is none). */
  readonly tornAt: number;
}

function freshState(interval: number): ChainState {
  return { expected: 1, previous: ZERO_CHECKSUM, merkle: MerkleAppender.empty(), sealed: false, interval };
}

/** The state at the last checkpoint in [from, to), found by reading backwards; undefined when none. */
function lastCheckpoint(fd: number, from: number, to: number, interval: number): { state: ChainState; offset: number } | undefined {
  for (let window = READ_CHUNK_BYTES; ; window *= 4) {
    const start = Math.max(from, to - window);
    const bytes = readAt(fd, start, to - start);
    // The window's first line is whole only when it starts on a line boundary.
    const boundary = start === from || readAt(fd, start - 1, 1)[0] === 0x0a;
    const firstNl = bytes.indexOf(0x0a);
    const first = boundary ? 0 : firstNl < 0 ? bytes.length : firstNl + 1;
    let end = bytes.length;
    while (end > first) {
      // Buffer.lastIndexOf counts a negative offset from the end: guard the empty first line.
      const nl = end >= 2 ? bytes.lastIndexOf(0x0a, end - 2) : -1;
      const lineStart = nl < first ? first : nl + 1;
      const line = bytes.subarray(lineStart, end - 1);
      const found = checkpointState(line, interval);
      if (found !== undefined) return { state: found, offset: start + lineStart };
      end = lineStart;
    }
    if (start === from) return undefined;
  }
}

/** Reads the journal at `path` and decides its case; a large full verify uses threads (journal-parallel.ts). */
export function scanJournal(path: string, mode: ScanMode = 'full', options: VerifyOptions = {}): JournalScan {
  const fd = openSync(path, 'r');
  try {
    return scanOpen(path, fd, fstatSync(fd).size, mode, options);
  } finally {
    closeSync(fd);
  }
}

function decision(base: Omit<JournalDecision, 'case'>, tornBytes: number): JournalDecision {
  if (base.damage !== undefined) return { ...base, case: 'damaged' };
  if (tornBytes > 0) return { ...base, case: 'torn_tail' };
  return { ...base, case: base.sealed ? 'sealed' : 'clean' };
}

function scanOpen(path: string, fd: number, size: number, mode: ScanMode, options: VerifyOptions): JournalScan {
  const none = { records: 0, head: ZERO_CHECKSUM, valid_bytes: 0, sealed: false };
  if (size === 0) return { decision: { ...none, case: 'empty', torn_bytes: 0 }, tornAt: 0 };
  const tornAt = tornStart(fd, size);
  const torn = size - tornAt;
  if (tornAt === 0) return { decision: { ...none, case: 'torn_tail', torn_bytes: torn }, tornAt };
  let headerLine: Buffer | undefined;
  let headerEnd = 0;
  forEachLine(fd, 0, tornAt, (bytes, offset) => {
    headerLine = bytes;
    headerEnd = offset + (bytes?.length ?? 0) + 1;
    return false;
  });
  const header = headerLine === undefined ? { ok: false as const, message: 'line 0 is too long' } : checkHeader(headerLine);
  if (!header.ok) {
    const damage: JournalDamage = { index: 0, offset: 0, reason: 'bad_header', message: header.message };
    return { decision: { ...none, case: 'damaged', torn_bytes: torn, damage }, tornAt };
  }
  const interval = header.header.run.checkpoint_interval;
  const resume = mode === 'quick' ? lastCheckpoint(fd, headerEnd, tornAt, interval) : undefined;
  const state = resume?.state ?? { ...freshState(interval), runBuildId: header.header.run.build_id };
  const from = resume?.offset ?? headerEnd;
  const threads = mode === 'full' ? verifyThreads(tornAt - from, options) : 1;
  const { damage, validBytes } = threads > 1 ? verifyChainParallel(path, fd, from, tornAt, state, threads, options) : verifyChainRange(fd, from, tornAt, state);
  const base = { torn_bytes: torn, records: state.expected - 1, head: state.expected === 1 ? ZERO_CHECKSUM : state.previous, valid_bytes: validBytes, sealed: state.sealed };
  const result = decision(damage === undefined ? base : { ...base, damage }, torn);
  return damage === undefined ? { decision: result, state, header: header.header, tornAt } : { decision: result, header: header.header, tornAt };
}
