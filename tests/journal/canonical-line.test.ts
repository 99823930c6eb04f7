// The byte-level canonical-form check of a journal line equals the slow definition
// (canonicalize(JSON.parse(line)) is the line, and it is an object) on the shared cases (which
// the Rust twin reads too), on every golden journal line and on many edited golden lines.
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalize } from '../../src/canonical/index.js';
import { isCanonicalLine } from '../../src/journal/canonical-line.js';
import { EDIT_BYTES } from '../../src/journal/journal-fault.js';

interface Case {
  readonly text?: string;
  readonly hex?: string;
  readonly canonical: boolean;
}

function definition(b: Buffer): boolean {
  try {
    const v: unknown = JSON.parse(b.toString('utf8'));
    return typeof v === 'object' && v !== null && !Array.isArray(v) && Buffer.from(canonicalize(v), 'utf8').equals(b);
  } catch {
    return false;
  }
}

const cases = (JSON.parse(readFileSync('fixtures/journals/canonical-lines.json', 'utf8')) as { cases: Case[] }).cases;
const bytesOf = (c: Case): Buffer => (c.hex !== undefined ? Buffer.from(c.hex, 'hex') : Buffer.from(c.text!, 'utf8'));
const golden = readdirSync('fixtures/journals')
  .filter((f) => f.endsWith('.journal'))
  .flatMap((f) => readFileSync(`fixtures/journals/${f}`, 'utf8').split('\n').slice(1, -1))
  .map((l) => Buffer.from(l, 'utf8'));

describe('isCanonicalLine', () => {
  it('the shared cases carry the definition answer, and the check gives it', () => {
    expect(cases.length).toBeGreaterThan(80);
    expect(cases.filter((c) => c.canonical).length).toBeGreaterThan(20);
    for (const c of cases) {
      const b = bytesOf(c);
      expect(definition(b), JSON.stringify(c)).toBe(c.canonical);
      expect(isCanonicalLine(b), JSON.stringify(c)).toBe(c.canonical);
    }
  });

  it('every chained line of every golden journal is canonical', () => {
    expect(golden.length).toBeGreaterThan(1000);
    for (const line of golden) expect(isCanonicalLine(line)).toBe(true);
  });

  it('an edited golden line is canonical exactly when the definition says so', () => {
    const edit = fc.record({ line: fc.nat({ max: golden.length - 1 }), at: fc.nat({ max: 1 << 16 }), byte: fc.nat({ max: EDIT_BYTES.length - 1 }), op: fc.nat({ max: 2 }) });
    const edits = fc.sample(edit, { seed: 20261129, numRuns: 5000 });
    let stillCanonical = 0;
    for (const e of edits) {
      const l = golden[e.line]!;
      const at = e.at % l.length;
      const byte = EDIT_BYTES.subarray(e.byte, e.byte + 1);
      const b = e.op === 0 ? Buffer.concat([l.subarray(0, at), byte, l.subarray(at)]) : e.op === 1 ? Buffer.concat([l.subarray(0, at), l.subarray(at + 1)]) : Buffer.concat([l.subarray(0, at), byte, l.subarray(at + 1)]);
      const want = definition(b);
      if (want) stillCanonical += 1;
      expect(isCanonicalLine(b), b.toString('utf8')).toBe(want);
    }
    // Both answers occur, so the comparison is not one-sided.
    expect(stillCanonical).toBeGreaterThan(100);
    expect(stillCanonical).toBeLessThan(edits.length - 100);
  });
});
