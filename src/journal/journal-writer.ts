// Appends records to a journal: O(1) per record (the chain head and the Merkle peaks are held
// in memory, the file is never re-read), durability by policy, checkpoints every K records.
// Opening an existing journal applies the decision table first (open-for-append.ts).
import { closeSync, fsyncSync, writeSync } from 'node:fs';
import { checksumBytes, checksumOf } from './checksum.js';
import type { ChainState } from './chained-line.js';
import type { DurabilityPolicy } from './durability.js';
import { lineFaultLine, recordLine, stepLine, type RecordLine } from './record-line.js';
import { recordedResponse } from './recorded-response.js';
import type { Line } from '../protocol/index.js';

/** Why a request line had no text (the protocol's own codes). */
export type LineFaultCode = Exclude<Line, string>['fault'];

/** What opening cut from a torn tail: its size, checksum and the side file that keeps it. */
export interface TornCut {
  readonly bytes: number;
  readonly checksum: string;
  readonly side?: string;
}

const EMPTY_CHECKSUM = checksumOf('');

const hex = (b: Uint8Array): string => `sha256:${Buffer.from(b).toString('hex')}`;

export class JournalWriter {
  private pending: string[] = [];
  private closed = false;

  /** `fd` is open for append, positioned on a line boundary; `state` is the verified chain. */
  constructor(
    private readonly fd: number,
    private readonly state: ChainState,
    readonly policy: DurabilityPolicy,
  ) {}

  /** Index the next record gets. */
  get nextIndex(): number {
    return this.state.expected;
  }

  /** Checksum of the last record (the chain head). */
  get head(): string {
    return this.state.previous;
  }

  /** One answered request line (text) and its canonical response line (without `\n`). */
  appendStep(request: string, response: string): void {
    this.due();
    this.push(stepLine(this.state.expected, this.state.previous, request, recordedResponse(response)));
  }

  /** A request line without text (too long, not UTF-8) and its response. */
  appendLineFault(fault: LineFaultCode, response: string): void {
    this.due();
    this.push(lineFaultLine(this.state.expected, this.state.previous, fault, response));
  }

  /**
   * A new run starts on a journal that holds records: the recovered record names the new run's
   * build, the run it resumes (that run's build and the chain head it ended at, taken before any
   * checkpoint now due) and what opening cut from the tail (nothing after a clean stop).
   */
  appendRecovered(buildId: string, cut?: TornCut): void {
    const parent = { build_id: this.state.runBuildId ?? 'unknown', checksum: this.state.previous, index: this.state.expected - 1 };
    this.due();
    const record: Record<string, unknown> = {
      ...this.links('recovered'),
      // `run`, not build_id/parent_run: every key must sort after previous_checksum (the line prefix).
      run: { build_id: buildId, parent_run: parent },
      torn_bytes: cut?.bytes ?? 0,
      torn_checksum: cut?.checksum ?? EMPTY_CHECKSUM,
    };
    if (cut?.side !== undefined) record['side_file'] = cut.side;
    this.push(recordLine(record));
    this.state.runBuildId = buildId;
  }

  /** Closes the run: a seal (after any checkpoint due), committed and synced whatever the policy. */
  seal(): void {
    this.due();
    this.push(recordLine({ ...this.links('seal'), ...this.tree() }));
    this.commit(true);
  }

  /** Writes what is pending (one write) and syncs it unless the policy is none. */
  commit(forceSync = false): void {
    if (this.pending.length === 0) return;
    const text = this.pending.length === 1 ? (this.pending[0] as string) : this.pending.join('');
    this.pending = [];
    writeAll(this.fd, Buffer.from(text, 'utf8'));
    if (forceSync || this.policy !== 'none') fsyncSync(this.fd);
  }

  close(): void {
    if (this.closed) return;
    this.commit();
    this.closed = true;
    closeSync(this.fd);
  }

  private links(kind: string): Record<string, unknown> {
    return { index: this.state.expected, kind, previous_checksum: this.state.previous };
  }

  private tree(): Record<string, unknown> {
    return { tree_root: hex(this.state.merkle.root()), tree_size: this.state.merkle.size };
  }

  /** Writes the checkpoint when the next index is a multiple of K. */
  private due(): void {
    if (this.state.expected % this.state.interval !== 0) return;
    const peaks = this.state.merkle.peakList().map(hex);
    this.push(recordLine({ ...this.links('checkpoint'), tree_peaks: peaks, ...this.tree() }));
  }

  private push(r: RecordLine): void {
    this.pending.push(r.line);
    this.state.merkle.append(checksumBytes(r.checksum));
    this.state.previous = r.checksum;
    this.state.expected += 1;
    if (this.policy === 'every') this.commit();
  }
}

export function writeAll(fd: number, bytes: Uint8Array): void {
  for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
}
