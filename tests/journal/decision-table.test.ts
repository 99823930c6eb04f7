// The crash-safety decision table, row by row: each named fault vector gets the case (and the
// reason and record) the table names, the committed vector files are current, and opening for
// append does what each case says (cut aside + truncate + recovered, or refuse).
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { faultVectors, baseChain } from '../../src/journal/fault-vectors.js';
import { decisionKey } from '../../src/journal/journal-decision.js';
import { scanJournal } from '../../src/journal/journal-scan.js';
import { JournalRefused, openForAppend, sideFileName } from '../../src/journal/open-for-append.js';
import { EXPECTED_FILE, VECTOR_DIR, type ExpectedDecision } from '../../src/journal/vector-files.js';

const dir = mkdtempSync(join(tmpdir(), 'journal-table-'));
const WRITER = { implementation: { name: 'test', version: '1', language: 'typescript' }, checkpointInterval: 4 } as const;

function file(name: string, bytes: Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

describe('the decision table', () => {
  for (const v of faultVectors()) {
    it(`${v.name}: ${v.case}${v.reason ? ` (${v.reason} at record ${v.index})` : ''}`, () => {
      const d = scanJournal(file(`${v.name}.journal`, v.bytes), 'full').decision;
      expect(d.case).toBe(v.case);
      if (v.reason !== undefined) {
        expect(d.damage?.reason).toBe(v.reason);
        expect(d.damage?.index).toBe(v.index);
      }
      if (v.case === 'torn_tail') expect(d.valid_bytes + d.torn_bytes).toBe(v.bytes.length);
    });
  }

  it('the committed vectors are these rows, with these decisions (rewrite: lockstep journal vectors)', () => {
    const expected = (JSON.parse(readFileSync(join(VECTOR_DIR, EXPECTED_FILE), 'utf8')) as { vectors: ExpectedDecision[] }).vectors;
    const vectors = faultVectors();
    expect(expected.map((e) => e.file)).toEqual(vectors.map((v) => `${v.name}.journal`));
    for (const v of vectors) {
      const path = join(VECTOR_DIR, `${v.name}.journal`);
      expect(readFileSync(path).equals(v.bytes), v.name).toBe(true);
      const e = expected.find((x) => x.file === `${v.name}.journal`)!;
      expect(decisionKey(scanJournal(path, 'full').decision)).toBe(e.full);
      expect(decisionKey(scanJournal(path, 'quick').decision)).toBe(e.quick);
    }
  });

  it('quick mode trusts what precedes the last checkpoint, full mode does not', () => {
    const v = faultVectors().find((x) => x.name === 'damaged-bit-flip-in-record')!;
    const path = file('quick.journal', v.bytes);
    expect(scanJournal(path, 'full').decision.case).toBe('damaged');
    expect(scanJournal(path, 'quick').decision.case).toBe('sealed');
  });
});

describe('opening for append, by case', () => {
  it('empty or missing: a header, then records', () => {
    const path = join(dir, 'new.journal');
    const w = openForAppend(path, WRITER);
    w.appendStep('{"op":"bye","seq":0}', '{"op":"bye","seq":0,"step":0}');
    w.close();
    const d = scanJournal(path).decision;
    expect(d.case).toBe('clean');
    expect(d.records).toBe(1);
  });

  it('torn tail: the torn bytes go to a side file, the journal is cut and a recovered record says so', () => {
    const v = faultVectors().find((x) => x.name === 'torn-zero-filled-4096')!;
    const path = file('torn.journal', v.bytes);
    const before = scanJournal(path).decision;
    const w = openForAppend(path, WRITER);
    w.appendStep('{"op":"bye","seq":5}', '{"op":"bye","seq":5,"step":0}');
    w.close();
    const side = join(dir, sideFileName(path, before.valid_bytes));
    expect(existsSync(side)).toBe(true);
    expect(readFileSync(side).equals(Buffer.alloc(4096))).toBe(true);
    const after = scanJournal(path).decision;
    expect(after.case).toBe('clean');
    const lines = readFileSync(path, 'utf8').split('\n');
    const recovered = JSON.parse(lines[before.records + 1]!) as { kind: string; torn_bytes: number; side_file: string };
    expect(recovered).toMatchObject({ kind: 'recovered', torn_bytes: 4096, side_file: sideFileName(path, before.valid_bytes) });
  });

  it('a torn partial line is never glued to the next append: it starts on a line boundary', () => {
    const sealed = baseChain().bytes();
    const path = file('glue.journal', Buffer.concat([sealed, Buffer.from('{"checksum":"sha256:12')]));
    openForAppend(path, WRITER).close();
    const text = readFileSync(path, 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    expect(text).not.toContain('sha256:12{');
    expect(scanJournal(path).decision.case).toBe('clean');
  });

  it('a torn header: the journal starts again, and says what it cut', () => {
    const path = file('torn-header.journal', baseChain().bytes().subarray(0, 50));
    openForAppend(path, WRITER).close();
    const d = scanJournal(path).decision;
    expect(d.case).toBe('clean');
    expect(readFileSync(path, 'utf8')).toContain('"torn_bytes":50');
  });

  it('clean: continued, with a recovered record of 0 bytes marking the new session', () => {
    const path = file('clean.journal', baseChain().bytes());
    openForAppend(path, WRITER).close();
    expect(readFileSync(path, 'utf8')).toMatch(/"kind":"recovered".*"torn_bytes":0/);
  });

  it('sealed and damaged journals are refused, naming where', () => {
    for (const name of ['sealed', 'damaged-deleted-line']) {
      const v = faultVectors().find((x) => x.name === name)!;
      const path = file(`refused-${name}.journal`, v.bytes);
      let error: unknown;
      try {
        openForAppend(path, WRITER);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(JournalRefused);
      expect(readFileSync(path).equals(v.bytes)).toBe(true);
    }
    const deleted = faultVectors().find((x) => x.name === 'damaged-deleted-line')!;
    expect(() => openForAppend(file('damaged.journal', deleted.bytes), WRITER)).toThrow(/damaged at record 3 \(byte \d+\): bad_index/);
  });
});
