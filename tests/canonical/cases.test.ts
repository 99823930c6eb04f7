/**
 * The golden canonical corpus (fixtures/canonical/cases.json): every case, byte for byte.
 * The Rust implementation is held to the same file.
 */
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import canonicalizePackage from 'canonicalize';
import { describe, expect, it } from 'vitest';
import { CanonicalJsonError, JsonParseError, JSON_DEPTH_MAX, canonicalize, parseJson } from '../../src/canonical/index.js';

interface Rejection {
  stage: 'parse' | 'canonicalize';
  code: string;
  pointer: string;
  line?: number;
  column?: number;
}
interface CanonicalCase {
  id: string;
  description: string;
  input: string;
  canonical?: string;
  reject?: Rejection;
}
interface Corpus {
  json_depth_max: number;
  cases: CanonicalCase[];
}

const corpusUrl = new URL('../../fixtures/canonical/cases.json', import.meta.url);
const schemaUrl = new URL('../../fixtures/canonical/cases.schema.json', import.meta.url);
const corpusText = readFileSync(corpusUrl, 'utf8');
const corpus = parseJson(corpusText) as Corpus;
const accepted = corpus.cases.filter((c): c is CanonicalCase & { canonical: string } => c.canonical !== undefined);
const rejected = corpus.cases.filter((c): c is CanonicalCase & { reject: Rejection } => c.reject !== undefined);

/** A line to paste into a REPL to reproduce a failing case. */
const repro = (c: CanonicalCase): string => `canonicalize(parseJson(${JSON.stringify(c.input)}))`;

describe('the corpus file', () => {
  it('matches its own schema', () => {
    const ajv = new Ajv2020({ strict: true, strictRequired: false, allErrors: true });
    const validate = ajv.compile(JSON.parse(readFileSync(schemaUrl, 'utf8')) as object);
    expect(validate(corpus), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  it('has unique ids and covers both expectations', () => {
    const ids = corpus.cases.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(accepted.length).toBeGreaterThanOrEqual(20);
    expect(rejected.length).toBeGreaterThanOrEqual(20);
  });

  it('assumes the depth limit the implementation has', () => {
    expect(corpus.json_depth_max).toBe(JSON_DEPTH_MAX);
  });

  // parseJson read the file above, so it holds no duplicate key and no lone surrogate: serde_json reads it too.
  it('is plain JSON that a lax reader (JSON.parse) reads the same way', () => {
    expect(JSON.parse(corpusText)).toEqual(corpus);
  });

  it('holds the samples the RFC and the issue name', () => {
    const ids = new Set(corpus.cases.map((c) => c.id));
    for (const id of ['rfc8785-sample', 'rfc8785-sorting', 'negative-zero', 'number-1e21', 'number-1e-7', 'number-min-subnormal', 'number-max', 'astral-keys', 'string-escapes', 'string-line-separators', 'nested-sorting', 'empty-containers', 'duplicate-key', 'lone-high-surrogate', 'number-overflow', 'depth-65']) {
      expect(ids, id).toContain(id);
    }
  });
});

describe.each(accepted)('canonical case $id', (c) => {
  it('canonicalises to the expected bytes', () => {
    const actual = canonicalize(parseJson(c.input));
    expect(Buffer.from(actual, 'utf8').equals(Buffer.from(c.canonical, 'utf8')), `${c.description}\n  repro: ${repro(c)}\n  expected: ${c.canonical}\n  actual:   ${actual}`).toBe(true);
  });

  it('gives the same bytes from a JSON.parse value and from the npm canonicalize package', () => {
    const lax = JSON.parse(c.input) as unknown;
    expect(canonicalize(lax)).toBe(c.canonical);
    expect(canonicalizePackage(lax)).toBe(c.canonical);
  });

  it('is a fixed point: the canonical text canonicalises to itself', () => {
    expect(canonicalize(parseJson(c.canonical))).toBe(c.canonical);
  });
});

describe.each(rejected)('refused case $id', (c) => {
  it(`is refused at stage ${c.reject.stage} with ${c.reject.code}`, () => {
    const expected = c.reject;
    if (expected.stage === 'parse') {
      const error = catchError(() => parseJson(c.input));
      expect(error, `${c.description}\n  repro: parseJson(${JSON.stringify(c.input)})`).toBeInstanceOf(JsonParseError);
      const parseError = error as JsonParseError;
      expect({ code: parseError.code, pointer: parseError.pointer, line: parseError.line, column: parseError.column }).toEqual({
        code: expected.code,
        pointer: expected.pointer,
        line: expected.line,
        column: expected.column,
      });
      expect(parseError.message).toContain(`line ${expected.line}, column ${expected.column}`);
    } else {
      const value = parseJson(c.input);
      const error = catchError(() => canonicalize(value));
      expect(error, `${c.description}\n  repro: ${repro(c)}`).toBeInstanceOf(CanonicalJsonError);
      const canonicalError = error as CanonicalJsonError;
      expect({ code: canonicalError.code, pointer: canonicalError.path }).toEqual({ code: expected.code, pointer: expected.pointer });
      expect(canonicalError.message).toContain(JSON.stringify(expected.pointer));
    }
  });
});

function catchError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}
