/**
 * Which failure signatures have a regression fixture: `signatures.jsonl` beside the fixtures
 * (`fixtures/regressions/`), one line `{"fixture": name, "signature": sig}` appended whenever a
 * shrunk failure is written there. A merged report marks a signature `known` when a fixture
 * exists for it, and lists as `fixed` the signatures of fixtures that no shard saw failing.
 * (JSON lines, not `.json`: the regressions folder holds fixtures only under that suffix.)
 */
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalize, parseJson } from '../canonical/index.js';

export const KNOWN_SIGNATURES_FILE = 'signatures.jsonl';

/** signature -> the regression fixtures written for it (sorted). */
export function readKnownSignatures(regressionsDir: string): Map<string, string[]> {
  const file = join(regressionsDir, KNOWN_SIGNATURES_FILE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return new Map();
  }
  const known = new Map<string, string[]>();
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let entry: { fixture?: unknown; signature?: unknown };
    try {
      entry = parseJson(line) as typeof entry;
    } catch (error) {
      throw new Error(`${file}:${i + 1}: not JSON: ${(error as Error).message}`);
    }
    if (typeof entry.fixture !== 'string' || typeof entry.signature !== 'string') throw new Error(`${file}:${i + 1}: needs string fields fixture and signature`);
    known.set(entry.signature, [...(known.get(entry.signature) ?? []), entry.fixture].sort());
  });
  return known;
}

export function recordKnownSignature(regressionsDir: string, fixture: string, signature: string): void {
  mkdirSync(regressionsDir, { recursive: true });
  appendFileSync(join(regressionsDir, KNOWN_SIGNATURES_FILE), `${canonicalize({ fixture, signature })}\n`);
}
