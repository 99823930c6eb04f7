// Writes the fault vectors (fault-vectors.ts) to fixtures/journals/vectors/ with the decisions
// the TS verifier takes on them, full and quick: the files cargo test holds the Rust verifier to.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { faultVectors } from './fault-vectors.js';
import { decisionKey } from './journal-decision.js';
import { scanJournal } from './journal-scan.js';

export const VECTOR_DIR = 'fixtures/journals/vectors';
export const EXPECTED_FILE = 'expected.json';

export interface ExpectedDecision {
  readonly file: string;
  readonly full: string;
  readonly quick: string;
}

export function writeVectorFiles(dir: string): ExpectedDecision[] {
  mkdirSync(dir, { recursive: true });
  for (const f of readdirSync(dir)) if (f.endsWith('.journal')) rmSync(join(dir, f));
  const expected: ExpectedDecision[] = [];
  for (const v of faultVectors()) {
    const file = `${v.name}.journal`;
    writeFileSync(join(dir, file), v.bytes);
    const path = join(dir, file);
    expected.push({ file, full: decisionKey(scanJournal(path, 'full').decision), quick: decisionKey(scanJournal(path, 'quick').decision) });
  }
  writeFileSync(join(dir, EXPECTED_FILE), `${JSON.stringify({ vectors: expected }, null, 2)}\n`);
  return expected;
}
