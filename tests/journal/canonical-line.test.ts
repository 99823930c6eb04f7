// The byte-level canonical-form check of a journal line equals the slow definition
// (canonicalize(JSON.parse(line)) is the line, and it is an object) on the shared cases (which
// the Rust twin reads too), on every golden journal line and on many edited golden lines.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalize } from '../../src/canonical/index.js';
import { RUST_BINARY } from '../../src/harness/implementation.js';
import { isCanonicalLine } from '../../src/journal/canonical-line.js';
import { baseChain } from '../../src/journal/fault-vectors.js';
import { decisionKey, type JournalDecision } from '../../src/journal/journal-decision.js';
import { scanJournal } from '../../src/journal/journal-scan.js';
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

  it('integers of 15 to 17 digits and decimals of 15 to 17 significant digits, on both sides of each shortcut', () => {
    const numbers = [
      '100000000000000', '999999999999999', '1000000000000000', '8999999999999999', '9007199254740990', '9007199254740991',
      '9007199254740992', '9007199254740999', '9099999999999999', '9999999999999999', '10000000000000000', '-9007199254740991',
      '-9007199254740992', '0100000000000000', '0.3333333333333333', '0.33333333333333331', '2.6750000000000003', '99.98999999999998',
      '1e21', '1e+21', '-3.3333333333333337e-10', '123456789012345.6', '12345678901234.56',
    ];
    // Twice each: the second answer of a round trip comes from its memo.
    for (const n of [...numbers, ...numbers]) {
      const line = Buffer.from(`{"a":${n},"b":[${n}]}`, 'latin1');
      expect(isCanonicalLine(line), n).toBe(definition(line));
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

/** Number texts around the edges of ECMAScript number printing: digits, zeros, exponents, signs. */
const numberText = fc
  .record({
    minus: fc.boolean(),
    int: fc.oneof(fc.constant('0'), fc.stringMatching(/^[1-9][0-9]{0,17}$/)),
    zeros: fc.nat({ max: 7 }),
    frac: fc.option(fc.stringMatching(/^[0-9]{1,18}$/), { nil: undefined }),
    exp: fc.option(fc.stringMatching(/^[eE][+-]?[0-9]{1,3}$/), { nil: undefined }),
  })
  .map((r) => `${r.minus ? '-' : ''}${r.int}${r.frac === undefined ? '' : `.${'0'.repeat(r.zeros)}${r.frac}`}${r.exp ?? ''}`);

describe('numbers, TS and Rust', () => {
  it('a record holding a number is refused exactly when the number is not canonical, by both verifiers', () => {
    const dir = mkdtempSync(join(tmpdir(), 'canonical-numbers-'));
    const texts = fc.sample(numberText, { seed: 20261129, numRuns: 400 });
    const files = texts.map((t, i) => {
      const file = join(dir, `n${i}.journal`);
      const chain = baseChain(1).raw((index, previous) => `{"index":${index},"kind":"step","previous_checksum":"${previous}","request":"x","response":{"n":${t}}}`);
      writeFileSync(file, chain.bytes());
      return file;
    });
    const rust = execFileSync(RUST_BINARY, ['journal-verify', ...files], { maxBuffer: 1 << 26 }).toString('utf8').trim().split('\n');
    let refused = 0;
    texts.forEach((t, i) => {
      const ts = scanJournal(files[i]!).decision;
      const line = Buffer.from(`{"n":${t}}`);
      expect(ts.case === 'damaged', t).toBe(!definition(line));
      if (ts.case === 'damaged') refused += 1;
      expect(decisionKey(JSON.parse(rust[i]!) as JournalDecision), t).toBe(decisionKey(ts));
    });
    expect(refused).toBeGreaterThan(50);
    expect(texts.length - refused).toBeGreaterThan(30);
  });
});
