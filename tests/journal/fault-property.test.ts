// The property over (journal, fault): every fault gets the case the table names, and the Rust
// verifier (lockstep-kernel journal-verify) takes the identical decision, full and quick.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RUST_BINARY } from '../../src/harness/implementation.js';
import { baseChain } from '../../src/journal/fault-vectors.js';
import { applyFault, lineStarts, multiByteStarts, type JournalFault } from '../../src/journal/journal-fault.js';
import { decisionKey, type JournalDecision } from '../../src/journal/journal-decision.js';
import { scanJournal } from '../../src/journal/journal-scan.js';

const dir = mkdtempSync(join(tmpdir(), 'journal-faults-'));
const bases: Buffer[] = [baseChain(12).seal().bytes(), readFileSync('fixtures/journals/sessions-protocol.journal')];

function faultArbitrary(base: Buffer): fc.Arbitrary<JournalFault> {
  const starts = lineStarts(base);
  const tailFrom = starts[Math.max(0, starts.length - 3)] as number;
  return fc.oneof(
    fc.integer({ min: tailFrom, max: base.length }).map((at) => ({ kind: 'truncate', at }) as const),
    fc.record({ bytes: fc.constantFrom(512, 4096), overwrite: fc.boolean() }).map((r) => ({ kind: 'zero-tail', ...r }) as const),
    fc.record({ at: fc.nat({ max: base.length - 1 }), bit: fc.nat({ max: 7 }) }).map((r) => ({ kind: 'flip-bit', ...r }) as const),
    fc.record({ kind: fc.constantFrom('duplicate-line', 'delete-line', 'swap-lines'), line: fc.nat({ max: starts.length - 1 }) }) as fc.Arbitrary<JournalFault>,
    fc.record({ nth: fc.nat({ max: 1000 }), into: fc.nat({ max: 1 }) }).map((r) => ({ kind: 'cut-in-character', ...r }) as const),
    fc
      .record({ line: fc.nat({ max: starts.length }), at: fc.nat({ max: 1 << 20 }), byte: fc.nat({ max: 255 }), insert: fc.boolean() })
      .map((r) => ({ kind: 'edit-rechecksummed', ...r }) as const),
  );
}

/** What the table says for a fault, as far as it can be told from the fault alone. */
function expectedCases(base: Buffer, f: JournalFault, faulted: Buffer): readonly string[] {
  const starts = lineStarts(base);
  const atBoundary = (n: number): boolean => n === base.length || starts.includes(n);
  switch (f.kind) {
    case 'truncate':
      return f.at === 0 ? ['empty'] : atBoundary(f.at) ? ['clean', 'sealed'] : ['torn_tail'];
    case 'zero-tail':
      return ['torn_tail'];
    case 'flip-bit':
      return ['damaged', 'torn_tail'];
    case 'cut-in-character':
      return multiByteStarts(base).length === 0 ? ['sealed'] : ['torn_tail'];
    case 'delete-line': {
      const last = f.line % starts.length === starts.length - 1;
      return last ? ['clean'] : ['damaged'];
    }
    case 'duplicate-line':
    case 'swap-lines':
      return faulted.equals(base) ? ['sealed'] : ['damaged'];
    case 'edit-rechecksummed':
      // Not canonical any more, or a broken link at the next record; an edit of the seal that stays canonical goes unseen.
      return faulted.equals(base) ? ['sealed'] : ['damaged', 'sealed'];
  }
}

function rustDecisions(files: readonly string[], quick: boolean): string[] {
  const out = execFileSync(RUST_BINARY, ['journal-verify', ...(quick ? ['--quick'] : []), ...files], { maxBuffer: 1 << 28 }).toString('utf8');
  return out
    .trim()
    .split('\n')
    .map((line) => decisionKey(JSON.parse(line) as JournalDecision));
}

describe('(journal, fault) -> decision', () => {
  it('TS decides as the table says, and Rust decides identically (full and quick)', () => {
    const cases: { file: string; fault: JournalFault; base: number }[] = [];
    bases.forEach((base, b) => {
      const faults = fc.sample(faultArbitrary(base), { seed: 20261129 + b, numRuns: 150 });
      faults.forEach((fault, i) => {
        const faulted = applyFault(base, fault);
        const file = join(dir, `b${b}-${i}.journal`);
        writeFileSync(file, faulted);
        cases.push({ file, fault, base: b });
        const d = scanJournal(file, 'full').decision;
        expect(expectedCases(base, fault, faulted), `${JSON.stringify(fault)} on base ${b}: ${decisionKey(d)}`).toContain(d.case);
      });
    });
    // The re-checksummed edits reach the canonical-form check (not only the links after them).
    expect(cases.filter((c) => scanJournal(c.file, 'full').decision.damage?.reason === 'not_canonical').length).toBeGreaterThan(5);
    for (const quick of [false, true]) {
      const rust = rustDecisions(cases.map((c) => c.file), quick);
      const mismatches = cases
        .map((c, i) => ({ c, ts: decisionKey(scanJournal(c.file, quick ? 'quick' : 'full').decision), rust: rust[i] }))
        .filter((x) => x.ts !== x.rust)
        .map((x) => `${JSON.stringify(x.c.fault)} (base ${x.c.base}, ${quick ? 'quick' : 'full'}):\n  ts   ${x.ts}\n  rust ${x.rust}`);
      expect(mismatches, mismatches.join('\n')).toEqual([]);
    }
  });
});
