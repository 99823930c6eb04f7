// A parallel full verify takes exactly the sequential decision: the same case, counts and head,
// and on damage the same (earliest) record, offset and reason, wherever the damage lies relative
// to the segments (early, late, on a checkpoint where segments join, in two places at once).
import { closeSync, mkdtempSync, openSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { verifyChainRange } from '../../src/journal/chain-range.js';
import type { ChainState } from '../../src/journal/chained-line.js';
import { ChainBuilder } from '../../src/journal/fault-vectors.js';
import { decisionKey } from '../../src/journal/journal-decision.js';
import { applyFault, lineStarts, type JournalFault } from '../../src/journal/journal-fault.js';
import { ZERO_CHECKSUM } from '../../src/journal/journal-format.js';
import { idleThreads, joinSegments, segmentTasks } from '../../src/journal/journal-parallel.js';
import { scanJournal } from '../../src/journal/journal-scan.js';
import { plainState, sameState, verifySegment, type SegmentOutcome } from '../../src/journal/journal-segments.js';
import { MerkleAppender } from '../../src/journal/merkle-tree.js';

const INTERVAL = 8;
const dir = mkdtempSync(join(tmpdir(), 'journal-parallel-'));

/** A sealed chain of `steps` steps with a recovered record (a new run) two thirds in. */
function base(steps: number, sealAt?: number): Buffer {
  const b = new ChainBuilder(INTERVAL);
  for (let seq = 0; seq < steps; seq += 1) {
    b.step(`{"op":"mark_price","seq":${seq},"price":${100 + (seq % 7) / 4}}`, `{"op":"mark_price","seq":${seq},"step":${seq},"text":"prix à ${seq} €"}`);
    if (seq === Math.floor((steps * 2) / 3)) b.record('recovered', { run: { build_id: 'second' }, torn_bytes: 0 });
    if (seq === sealAt) b.seal();
  }
  return b.seal().bytes();
}

const clean = base(400);
const starts = lineStarts(clean);
const lineOf = (kind: string, nth: number): number => starts.map((s, i) => (clean.toString('latin1', s, s + 140).includes(`"kind":"${kind}"`) ? i : -1)).filter((i) => i >= 0)[nth]!;

/** The sequential and the joined verify of the chained lines of `bytes`, every later segment verified apart. */
function bothVerdicts(
  bytes: Buffer,
  ownSegments: (i: number) => boolean,
  lost: (i: number) => boolean = () => false,
): { sequential: string; joined: string; segments: number } {
  const path = join(dir, 'join.journal');
  writeFileSync(path, bytes);
  const fd = openSync(path, 'r');
  try {
    const from = bytes.indexOf(0x0a) + 1;
    const to = bytes.lastIndexOf(0x0a) + 1;
    const fresh = (): ChainState => ({ expected: 1, previous: ZERO_CHECKSUM, merkle: MerkleAppender.empty(), sealed: false, interval: INTERVAL, runBuildId: 'vectors' });
    const show = (r: ReturnType<typeof verifyChainRange>, s: ChainState): string =>
      JSON.stringify({ damage: r.damage === undefined ? null : [r.damage.index, r.damage.offset, r.damage.reason], valid: r.validBytes, state: plainState(s), run: s.runBuildId });
    const a = fresh();
    const sequential = show(verifyChainRange(fd, from, to, a), a);
    const tasks = segmentTasks(fd, from, to, INTERVAL, 4)!;
    const b = fresh();
    const outcome = (i: number): SegmentOutcome | undefined => (lost(i) ? undefined : verifySegment(fd, tasks[i]!));
    const joined = show(joinSegments(fd, tasks, to, b, { claim: ownSegments, outcome }), b);
    return { sequential, joined, segments: tasks.length };
  } finally {
    closeSync(fd);
  }
}

const faults: [string, JournalFault | ((b: Buffer) => Buffer)][] = [
  ['none', (b) => b],
  ['a flipped bit early', { kind: 'flip-bit', at: starts[3]! + 150, bit: 2 }],
  ['a flipped bit late', { kind: 'flip-bit', at: starts[starts.length - 6]! + 150, bit: 2 }],
  ['a deleted checkpoint (where segments join)', { kind: 'delete-line', line: lineOf('checkpoint', 30) }],
  ['a duplicated checkpoint', { kind: 'duplicate-line', line: lineOf('checkpoint', 20) }],
  ['a checkpoint swapped with the next record', { kind: 'swap-lines', line: lineOf('checkpoint', 40) }],
  ['a late checkpoint edited and checksummed again', { kind: 'edit-rechecksummed', line: lineOf('checkpoint', 45) - 1, at: 40, byte: 17, insert: false }],
  ['damage early and late (the early one is named)', (b) => applyFault(applyFault(b, { kind: 'flip-bit', at: starts[starts.length - 10]! + 120, bit: 1 }), { kind: 'flip-bit', at: starts[40]! + 120, bit: 1 })],
  ['a seal before a checkpoint, records after it', () => base(400, 7 * INTERVAL + 3)],
  ['a late line deleted', { kind: 'delete-line', line: starts.length - 20 }],
];

/** Line numbers of the checkpoints where the clean journal's segments start (the joins). */
function joinLines(): number[] {
  const path = join(dir, 'clean.journal');
  writeFileSync(path, clean);
  const fd = openSync(path, 'r');
  try {
    const tasks = segmentTasks(fd, clean.indexOf(0x0a) + 1, clean.length, INTERVAL, 4)!;
    return tasks.slice(1).map((t) => starts.indexOf(t.start));
  } finally {
    closeSync(fd);
  }
}

describe('parallel full verify', () => {
  for (const [what, edit] of [
    ['the record before a join deleted', (b: Buffer, at: number) => applyFault(b, { kind: 'delete-line', line: at - 1 })],
    ['the record before a join duplicated', (b: Buffer, at: number) => applyFault(b, { kind: 'duplicate-line', line: at - 1 })],
    ['the two records before a join swapped', (b: Buffer, at: number) => applyFault(b, { kind: 'swap-lines', line: at - 2 })],
  ] as const) {
    it(`joins to the sequential verdict: ${what}`, () => {
      for (const at of joinLines()) {
        const r = bothVerdicts(edit(clean, at), () => false);
        expect(r.joined, `join at line ${at}`).toBe(r.sequential);
        expect(r.sequential).toContain('"damage":[');
      }
    });
  }

  for (const [name, fault] of faults) {
    it(`joins to the sequential verdict: ${name}`, () => {
      const bytes = typeof fault === 'function' ? fault(clean) : applyFault(clean, fault);
      for (const own of [(): boolean => false, (i: number): boolean => i % 3 === 1]) {
        const r = bothVerdicts(bytes, own);
        expect(r.segments).toBeGreaterThan(8);
        expect(r.joined).toBe(r.sequential);
      }
    });
  }

  it('joins to the sequential verdict for any flipped bit, edit, deleted, duplicated or swapped line', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.record({ at: fc.nat({ max: clean.length - 1 }), bit: fc.nat({ max: 7 }) }).map((r) => ({ kind: 'flip-bit', ...r }) as const),
          fc.record({ kind: fc.constantFrom('duplicate-line', 'delete-line', 'swap-lines'), line: fc.nat({ max: starts.length - 1 }) }) as fc.Arbitrary<JournalFault>,
          fc.record({ line: fc.nat({ max: starts.length }), at: fc.nat({ max: 1 << 20 }), byte: fc.nat({ max: 255 }), insert: fc.boolean() }).map((r) => ({ kind: 'edit-rechecksummed', ...r }) as const),
        ),
        (f) => {
          const r = bothVerdicts(applyFault(clean, f), () => false);
          expect(r.joined).toBe(r.sequential);
        },
      ),
      { numRuns: 150, seed: 11 },
    );
  });

  it('a segment no worker verified (a worker failed) is verified in order, with the same verdict', () => {
    for (const bytes of [clean, applyFault(clean, { kind: 'flip-bit', at: starts[starts.length - 6]! + 150, bit: 2 })]) {
      for (const lost of [(i: number): boolean => i === 3, (i: number): boolean => i >= 1]) {
        const r = bothVerdicts(bytes, () => false, lost);
        expect(r.joined).toBe(r.sequential);
      }
    }
  });

  it('by default uses a thread per idle core besides this one, and at least this one', () => {
    expect(idleThreads(2, 0)).toBe(2);
    expect(idleThreads(2, 0.6)).toBe(2);
    expect(idleThreads(2, 1.6)).toBe(1);
    expect(idleThreads(2, 3.2)).toBe(1);
    expect(idleThreads(8, 2)).toBe(7);
    expect(idleThreads(8, 0)).toBe(8);
  });

  it('a claim joins only the state it names: index, link, peaks and not sealed', () => {
    const state = (): ChainState => {
      const merkle = MerkleAppender.empty();
      for (let i = 0; i < 5; i += 1) merkle.append(Buffer.alloc(32, i));
      return { expected: 6, previous: `sha256:${'ab'.repeat(32)}`, merkle, sealed: false, interval: INTERVAL };
    };
    const claim = plainState(state());
    expect(sameState(state(), claim)).toBe(true);
    expect(sameState({ ...state(), expected: 7 }, claim)).toBe(false);
    expect(sameState({ ...state(), previous: `sha256:${'cd'.repeat(32)}` }, claim)).toBe(false);
    expect(sameState({ ...state(), sealed: true }, claim)).toBe(false);
    const other = state();
    other.merkle.append(Buffer.alloc(32, 9));
    expect(sameState(other, { ...claim, expected: 6 })).toBe(false);
    expect(sameState(state(), { ...claim, peaks: [...claim.peaks.slice(0, -1), `sha256:${'00'.repeat(32)}`] })).toBe(false);
  });

  it('on worker threads, every later segment left to the workers: damage late, early, and none', () => {
    const cases = [clean, applyFault(clean, faults[2]![1] as JournalFault), applyFault(clean, faults[1]![1] as JournalFault), applyFault(clean, faults[3]![1] as JournalFault)];
    for (const [n, bytes] of cases.entries()) {
      const path = join(dir, `threads-${n}.journal`);
      writeFileSync(path, Buffer.concat([bytes, Buffer.from('{"torn')]));
      const sequential = scanJournal(path, 'full', { threads: 1 });
      const parallel = scanJournal(path, 'full', { threads: 3, parallelFromBytes: 1, mainThreadHelps: false });
      expect(decisionKey(parallel.decision)).toBe(decisionKey(sequential.decision));
      expect(parallel.state?.runBuildId).toBe(sequential.state?.runBuildId);
    }
  });
});
