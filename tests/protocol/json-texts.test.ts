// A corpus of valid, invalid and implementation-defined JSON texts (fixtures/json-texts/): the
// classes RFC 8259 parsers disagree on. Both servers, as real processes, must answer every
// line with the corpus's code: a line that is not one JSON value gets a syntax-category error,
// a valid JSON value that is not a request SCHEMA_VIOLATION (or the JSON-level limit it breaks),
// and the two agree on code, category, line and path.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CATEGORY } from '../../generated/ts/protocol-edge.js';
import type { ErrorCode } from '../../generated/ts/types.js';
import { REPO_ROOT, RUST_KERNEL_BIN } from '../../src/harness/rust-kernel-build.js';
import { runKernel } from './kernel-process.js';

interface JsonText {
  readonly name: string;
  readonly class: 'valid' | 'invalid' | 'implementation-defined';
  readonly text?: string;
  readonly hex?: string;
  readonly code: ErrorCode;
}

const CORPUS = (JSON.parse(readFileSync(join(REPO_ROOT, 'fixtures/json-texts/json-texts.json'), 'utf8')) as { texts: JsonText[] }).texts;

function bytesOf(t: JsonText): Buffer {
  return t.hex !== undefined ? Buffer.from(t.hex, 'hex') : Buffer.from(t.text ?? '', 'utf8');
}

/** What parity compares of an error answer. */
function verdict(line: string): string {
  const r = JSON.parse(line) as { op: string; error?: { code: string; category: string; line: number; path: string } };
  return r.error === undefined ? r.op : `${r.error.code} ${r.error.category} line ${r.error.line} path ${JSON.stringify(r.error.path)}`;
}

describe('JSON texts corpus', () => {
  it('holds no newline and names every class', () => {
    for (const t of CORPUS) expect(bytesOf(t).includes(0x0a), t.name).toBe(false);
    expect(new Set(CORPUS.map((t) => t.class))).toEqual(new Set(['valid', 'invalid', 'implementation-defined']));
  });

  it('the corpus codes follow the rule: not JSON is syntax, JSON that is not a request is schema', () => {
    for (const t of CORPUS) {
      const category = ERROR_CATEGORY[t.code];
      if (t.class === 'invalid') expect(category, t.name).toBe('syntax');
      if (t.class === 'valid') expect(['SCHEMA_VIOLATION', 'FORBIDDEN_KEY', 'DEPTH_LIMIT_EXCEEDED'], t.name).toContain(t.code);
    }
  });

  it('both servers answer every text with its code, and alike', async () => {
    const input = Buffer.concat(CORPUS.flatMap((t) => [bytesOf(t), Buffer.from('\n')]));
    const ts = await runKernel(input);
    const rust = spawnSync(RUST_KERNEL_BIN, [], { input, maxBuffer: 1 << 26 });
    const rustLines = rust.stdout.toString('utf8').split('\n').filter((l) => l !== '');
    expect(ts.code).toBe(0);
    expect(rust.status).toBe(0);
    expect(ts.lines).toHaveLength(CORPUS.length);
    expect(rustLines).toHaveLength(CORPUS.length);
    const wrong: string[] = [];
    CORPUS.forEach((t, i) => {
      const expected = `${t.code} ${ERROR_CATEGORY[t.code]} line ${i + 1}`;
      const a = verdict(ts.lines[i]!);
      const b = verdict(rustLines[i]!);
      if (!a.startsWith(expected) || a !== b) wrong.push(`${t.class} "${t.name}": expected ${expected}\n  typescript: ${a}\n  rust:       ${b}`);
    });
    expect(wrong).toEqual([]);
  });
});
