// The decision table's rows as concrete journals (fixtures/journals/vectors/): each vector is a
// base journal with one named fault, and the case (and reason) the table says it must get.
// Both verifiers are held to these files: vitest (TS) and cargo test (Rust).
import { checksumOf } from './checksum.js';
import type { DamageReason, JournalCase } from './journal-decision.js';
import { ZERO_CHECKSUM } from './journal-format.js';
import { buildHeader } from './journal-header.js';
import { MerkleAppender } from './merkle-tree.js';
import { checksumBytes } from './checksum.js';
import { recordLine, sealBody, stepLine, type RecordLine } from './record-line.js';

export interface FaultVector {
  readonly name: string;
  readonly bytes: Buffer;
  readonly case: JournalCase;
  readonly reason?: DamageReason;
  /** The damaged record's index, when damaged. */
  readonly index?: number;
}

/** K of the vectors: small, so a short journal holds several checkpoints. */
export const VECTOR_INTERVAL = 4;

const WRITER = { name: 'vectors', version: '1', language: 'data' } as const;
/** Vectors name no real contracts, so a schema change does not rewrite them. */
const VECTOR_CONTRACTS = `sha256:${'1'.repeat(64)}`;
const hex = (b: Uint8Array): string => `sha256:${Buffer.from(b).toString('hex')}`;

/** Builds a chain by hand, so faults a writer never makes (a bad tree, a record after the seal) can be planted. */
export class ChainBuilder {
  readonly lines: string[];
  private index = 1;
  private previous = ZERO_CHECKSUM;
  private readonly merkle = MerkleAppender.empty();

  constructor(readonly interval: number = VECTOR_INTERVAL) {
    this.lines = [buildHeader({ implementation: WRITER, checkpointInterval: interval, buildId: 'vectors', contractsHash: VECTOR_CONTRACTS }).line];
  }

  step(request: string, response: string): this {
    this.due();
    return this.push(stepLine(this.index, this.previous, request, response));
  }

  record(kind: string, fields: Record<string, unknown> = {}): this {
    return this.push(recordLine({ index: this.index, kind, previous_checksum: this.previous, ...fields }));
  }

  /** A record from a body the caller spells (canonical or not), sealed with a valid checksum. */
  raw(body: (index: number, previous: string) => string): this {
    return this.push(sealBody(body(this.index, this.previous)));
  }

  seal(): this {
    this.due();
    return this.record('seal', this.tree());
  }

  tree(): Record<string, unknown> {
    return { tree_root: hex(this.merkle.root()), tree_size: this.merkle.size };
  }

  due(): void {
    if (this.index % this.interval === 0) this.record('checkpoint', { tree_peaks: this.merkle.peakList().map(hex), ...this.tree() });
  }

  bytes(): Buffer {
    return Buffer.from(this.lines.join(''), 'utf8');
  }

  private push(r: RecordLine): this {
    this.lines.push(r.line);
    this.merkle.append(checksumBytes(r.checksum));
    this.previous = r.checksum;
    this.index += 1;
    return this;
  }
}

/** A small session: hello, a few steps (one with multi-byte text), bye. */
export function baseChain(steps = 9): ChainBuilder {
  const b = new ChainBuilder();
  b.step('{"op":"hello","seq":0,"protocol_version":"1.0"}', '{"capabilities":["bye"],"implementation":{"language":"*","name":"*","version":"*"},"op":"hello","protocol_version":"1.0","seq":0}');
  for (let seq = 1; seq <= steps; seq += 1) {
    const request = seq === steps ? '{"op":"note","text":"prix à 5 € ≈ 😀"}' : `{"op":"mark_price","seq":${seq}}`;
    b.step(request, `{"op":"reset","seq":${seq},"slot_count":2,"step":${seq}}`);
  }
  return b;
}

/** Line start offsets of a journal's complete lines. */
function lineStarts(bytes: Buffer): number[] {
  const starts = [0];
  for (let i = bytes.indexOf(0x0a); i >= 0 && i + 1 < bytes.length; i = bytes.indexOf(0x0a, i + 1)) starts.push(i + 1);
  return starts;
}

function withLines(bytes: Buffer, edit: (lines: Buffer[]) => Buffer[]): Buffer {
  const starts = lineStarts(bytes);
  const lines = starts.map((s, i) => bytes.subarray(s, starts[i + 1] ?? bytes.length));
  return Buffer.concat(edit(lines));
}

function flipBit(bytes: Buffer, at: number, bit = 0): Buffer {
  const out = Buffer.from(bytes);
  out[at] = (out[at] as number) ^ (1 << bit);
  return out;
}

/** Every row of the table, as named vectors. */
export function faultVectors(): FaultVector[] {
  const open = baseChain().bytes();
  const sealed = baseChain().seal().bytes();
  const starts = lineStarts(sealed);
  const lastStart = starts[starts.length - 1] as number;
  const utf8At = open.lastIndexOf(Buffer.from('😀', 'utf8'));
  const v: FaultVector[] = [
    { name: 'empty', bytes: Buffer.alloc(0), case: 'empty' },
    { name: 'header-only', bytes: new ChainBuilder().bytes(), case: 'clean' },
    { name: 'clean', bytes: open, case: 'clean' },
    { name: 'sealed', bytes: sealed, case: 'sealed' },
    { name: 'torn-partial-last-line', bytes: sealed.subarray(0, lastStart + 40), case: 'torn_tail' },
    { name: 'torn-newline-missing', bytes: sealed.subarray(0, sealed.length - 1), case: 'torn_tail' },
    { name: 'torn-zero-filled-512', bytes: Buffer.concat([open, Buffer.alloc(512)]), case: 'torn_tail' },
    { name: 'torn-zero-filled-4096', bytes: Buffer.concat([open, Buffer.alloc(4096)]), case: 'torn_tail' },
    { name: 'torn-partial-then-zeros', bytes: Buffer.concat([sealed.subarray(0, lastStart + 17), Buffer.alloc(4096 - 17)]), case: 'torn_tail' },
    { name: 'torn-inside-utf8-character', bytes: open.subarray(0, utf8At + 2), case: 'torn_tail' },
    { name: 'torn-header', bytes: sealed.subarray(0, 50), case: 'torn_tail' },
    { name: 'damaged-header-bit-flip', bytes: flipBit(sealed, 30), case: 'damaged', reason: 'bad_header', index: 0 },
    { name: 'damaged-bit-flip-in-record', bytes: flipBit(sealed, (starts[3] as number) + 200), case: 'damaged', reason: 'bad_checksum', index: 3 },
    { name: 'damaged-bit-flip-in-checksum', bytes: flipBit(sealed, (starts[2] as number) + 25), case: 'damaged', reason: 'bad_checksum', index: 2 },
    { name: 'damaged-bit-flip-last-complete-line', bytes: flipBit(sealed, lastStart + 260), case: 'damaged', reason: 'bad_checksum', index: starts.length - 1 },
    { name: 'damaged-deleted-line', bytes: withLines(sealed, (l) => [...l.slice(0, 3), ...l.slice(4)]), case: 'damaged', reason: 'bad_index', index: 3 },
    { name: 'damaged-swapped-lines', bytes: withLines(sealed, (l) => [...l.slice(0, 2), l[3]!, l[2]!, ...l.slice(4)]), case: 'damaged', reason: 'bad_index', index: 2 },
    { name: 'damaged-duplicated-line', bytes: withLines(sealed, (l) => [...l.slice(0, 3), l[2]!, ...l.slice(3)]), case: 'damaged', reason: 'bad_index', index: 3 },
    { name: 'damaged-empty-line', bytes: withLines(sealed, (l) => [...l.slice(0, 3), Buffer.from('\n'), ...l.slice(3)]), case: 'damaged', reason: 'malformed', index: 3 },
    { name: 'damaged-glued-append', bytes: Buffer.concat([sealed.subarray(0, lastStart + 40), sealed.subarray(lastStart)]), case: 'damaged', reason: 'malformed', index: starts.length - 1 },
    ...plantedVectors(),
  ];
  return v;
}

/** Faults no writer makes, planted through a hand-built chain with valid checksums. */
function plantedVectors(): FaultVector[] {
  const broken = baseChain(2);
  broken.lines.push(stepLine(4, checksumOf('not the previous record'), '{"op":"bye","seq":3}', '{"op":"bye","seq":3,"step":0}').line);
  const afterSeal = baseChain(2).seal();
  afterSeal.step('{"op":"bye","seq":9}', '{"op":"bye","seq":9,"step":0}');
  const badTree = baseChain(2);
  badTree.record('checkpoint', { tree_peaks: [], tree_root: ZERO_CHECKSUM, tree_size: 3 });
  const unknown = baseChain(1);
  unknown.record('bogus');
  const noCheckpoint = new ChainBuilder(1000);
  for (let i = 0; i < 5; i += 1) noCheckpoint.step(`{"seq":${i}}`, '{"op":"bye","seq":0,"step":0}');
  const lie = Buffer.from(noCheckpoint.bytes().toString('utf8'));
  const relabelled = relabelInterval(lie, VECTOR_INTERVAL);
  const notCanonical = (request: string, response: string): Buffer =>
    baseChain(1)
      .raw((index, previous) => `{"index":${index},"kind":"step","previous_checksum":"${previous}","request":${request},"response":${response}}`)
      .bytes();
  const stray = baseChain(1);
  stray.record('checkpoint', { tree_peaks: [], tree_root: ZERO_CHECKSUM, tree_size: 2 });
  return [
    { name: 'damaged-broken-link', bytes: broken.bytes(), case: 'damaged', reason: 'broken_link', index: 4 },
    { name: 'damaged-record-after-seal', bytes: afterSeal.bytes(), case: 'damaged', reason: 'after_seal', index: 6 },
    { name: 'damaged-bad-tree-root', bytes: badTree.bytes(), case: 'damaged', reason: 'bad_tree', index: 4 },
    { name: 'damaged-unknown-kind', bytes: unknown.bytes(), case: 'damaged', reason: 'unknown_kind', index: 3 },
    { name: 'damaged-missing-checkpoint', bytes: relabelled, case: 'damaged', reason: 'missing_checkpoint', index: 4 },
    { name: 'damaged-unexpected-checkpoint', bytes: stray.bytes(), case: 'damaged', reason: 'unexpected_checkpoint', index: 3 },
    // Valid checksums over bytes that are not canonical JSON: a writer hashed what it should not have written.
    { name: 'damaged-not-canonical-whitespace', bytes: notCanonical('"x"', ' {"op":"bye"}'), case: 'damaged', reason: 'not_canonical', index: 3 },
    { name: 'damaged-not-canonical-key-order', bytes: notCanonical('"x"', '{"seq":3,"op":"bye"}'), case: 'damaged', reason: 'not_canonical', index: 3 },
    { name: 'damaged-not-canonical-number', bytes: notCanonical('"x"', '{"op":"bye","seq":3.0}'), case: 'damaged', reason: 'not_canonical', index: 3 },
    { name: 'damaged-not-canonical-escape', bytes: notCanonical('"\\u0041"', '{"op":"bye"}'), case: 'damaged', reason: 'not_canonical', index: 3 },
  ];
}

/** The same records under a header that claims another K (its checksum redone). */
function relabelInterval(bytes: Buffer, interval: number): Buffer {
  const text = bytes.toString('utf8');
  const nl = text.indexOf('\n');
  const header = buildHeader({ implementation: WRITER, checkpointInterval: interval, buildId: 'vectors', contractsHash: VECTOR_CONTRACTS }).line;
  return Buffer.from(header + text.slice(nl + 1), 'utf8');
}
