// Opening a journal for append, by its case (docs/journal.md, "Crash safety"):
// empty -> header; clean -> a recovered record of 0 bytes (a new session starts here);
// torn_tail -> torn bytes kept in a side file, truncate, fsync, recovered record;
// sealed and damaged -> refused with the decision's sentence, never repaired.
import { closeSync, existsSync, fstatSync, fsyncSync, ftruncateSync, openSync, writeFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { checksumOf } from './checksum.js';
import type { ChainState } from './chained-line.js';
import { DEFAULT_DURABILITY, type DurabilityPolicy } from './durability.js';
import { describeDecision, type JournalDecision } from './journal-decision.js';
import { JOURNAL_CHECKPOINT_INTERVAL, ZERO_CHECKSUM } from './journal-format.js';
import { buildHeader, buildIdOf, type HeaderOptions } from './journal-header.js';
import { readAt } from './journal-lines.js';
import { scanJournal } from './journal-scan.js';
import { JournalWriter, writeAll, type TornCut } from './journal-writer.js';
import { MerkleAppender } from './merkle-tree.js';

/** A journal that may not be appended to: sealed or damaged (the message names where). */
export class JournalRefused extends Error {
  override readonly name = 'JournalRefused';
  constructor(
    readonly decision: JournalDecision,
    message: string,
  ) {
    super(message);
  }
}

export interface AppendOptions extends HeaderOptions {
  readonly policy?: DurabilityPolicy;
}

/** The side file that keeps a torn tail cut at `at`. */
export function sideFileName(journal: string, at: number): string {
  return `${basename(journal)}.torn-${at}`;
}

function syncDir(path: string): void {
  const fd = openSync(dirname(path), 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Keeps the torn bytes aside (synced), then truncates the journal to its last complete line. */
function cutTail(path: string, at: number): TornCut {
  const fd = openSync(path, 'r+');
  try {
    const torn = readAt(fd, at, fstatSync(fd).size - at);
    const side = sideFileName(path, at);
    writeFileSync(`${dirname(path)}/${side}`, torn, { flush: true });
    syncDir(path);
    ftruncateSync(fd, at);
    fsyncSync(fd);
    return { bytes: torn.length, checksum: checksumOf(torn), side };
  } finally {
    closeSync(fd);
  }
}

export function openForAppend(path: string, options: AppendOptions): JournalWriter {
  const policy = options.policy ?? DEFAULT_DURABILITY;
  // Full: damage anywhere is refused before anything is appended (once per open, never per append).
  const scan = existsSync(path) ? scanJournal(path, 'full') : undefined;
  const d = scan?.decision;
  if (d !== undefined && (d.case === 'sealed' || d.case === 'damaged')) {
    const why = d.case === 'sealed' ? ' (a sealed journal takes no more records; start a new journal)' : '';
    throw new JournalRefused(d, `${describeDecision(path, d)}${why}`);
  }
  const cut = d?.case === 'torn_tail' ? cutTail(path, scan!.tornAt) : undefined;
  const fd = openSync(path, 'a');
  let state: ChainState | undefined = scan?.state;
  if (state === undefined) {
    // No header survived (a new file, or a torn first line): start the journal.
    const interval = options.checkpointInterval ?? JOURNAL_CHECKPOINT_INTERVAL;
    writeAll(fd, Buffer.from(buildHeader({ ...options, checkpointInterval: interval }).line, 'utf8'));
    syncDir(path);
    state = { expected: 1, previous: ZERO_CHECKSUM, merkle: MerkleAppender.empty(), sealed: false, interval, runBuildId: buildIdOf(options) };
  }
  const writer = new JournalWriter(fd, state, policy);
  if (d !== undefined && d.case !== 'empty') writer.appendRecovered(buildIdOf(options), cut);
  writer.commit(true);
  return writer;
}
