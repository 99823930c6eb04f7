// The server checks requests with the protocol edge's own validator module; it must answer
// exactly as the validator of every contract does, and the protocol code must not load the
// latter (a server would parse ~2.7 MB of validators it never runs on every start).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validate } from '../../src/contracts/index.js';
import { loadFixtures } from '../../src/harness/fixture-file.js';
import { rawStepBytes } from '../../src/harness/session-frame.js';
import { checkRequestSchema } from '../../src/protocol/read-request.js';

const ROOT = join(import.meta.dirname, '../..');

/** Every request value of the corpus, plus each with one field broken in a few ways. */
function requestValues(): unknown[] {
  const loaded = loadFixtures(join(ROOT, 'fixtures'));
  if (!loaded.ok) throw new Error('the corpus does not load');
  const values: unknown[] = [];
  for (const { fixture } of loaded.fixtures) {
    values.push({ op: 'configure', seq: 1, config: fixture.config });
    for (const step of fixture.steps) {
      if (step.kind !== 'raw') values.push(step.request);
      else {
        try {
          values.push(JSON.parse(rawStepBytes(step).toString('utf8')));
        } catch {
          // Not JSON: check 8 never sees it.
        }
      }
    }
  }
  const broken: unknown[] = [];
  for (const value of values) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) continue;
    for (const key of Object.keys(value)) {
      for (const replacement of [null, -1, 'x', [], {}, 1e300]) broken.push({ ...value, [key]: replacement });
    }
    broken.push({ ...value, unknown_field: 1 });
  }
  return [...values, ...broken, null, [], 'hello', 0, {}];
}

/** Import specifiers of a TS source text. */
function importsOf(source: string): string[] {
  return [...source.matchAll(/^import\s[^'"]*['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
}

/** Imports through which a protocol module would load the validators of every contract. */
function everyContractImports(source: string): string[] {
  return importsOf(source).filter((s) => /generated\/ts\/validators(-all-errors)?\.js$|\/contracts\/(index|validate)\.js$/.test(s));
}

describe('checkRequestSchema', () => {
  it('gives the verdict and first error of validate("ProtocolRequest") on every corpus request and its breakages', () => {
    const values = requestValues();
    expect(values.length).toBeGreaterThan(5_000);
    let refused = 0;
    for (const value of values) {
      const full = validate('ProtocolRequest', value);
      const edge = checkRequestSchema(value);
      expect(edge.ok).toBe(full.ok);
      if (!full.ok && !edge.ok) {
        refused += 1;
        expect(edge.error).toEqual(full.errors[0]);
      }
    }
    expect(refused).toBeGreaterThan(1_000);
  });

  it('no protocol module imports the validators of every contract', () => {
    const dir = join(ROOT, 'src/protocol');
    const offenders = readdirSync(dir)
      .filter((f) => f.endsWith('.ts'))
      .flatMap((f) => everyContractImports(readFileSync(join(dir, f), 'utf8')).map((s) => `${f}: ${s}`));
    expect(offenders).toEqual([]);
  });

  it('the import check finds a planted import of every contract', () => {
    expect(everyContractImports("import { validate } from '../contracts/index.js';\nimport x from './y.js';")).toEqual(['../contracts/index.js']);
    expect(everyContractImports("import * as v from '../../generated/ts/validators.js';")).toHaveLength(1);
    expect(everyContractImports("import { ProtocolRequest } from '../../generated/ts/protocol-validators.js';")).toEqual([]);
  });
});
