import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalize } from '../../src/canonical/index.js';
import { referenceImplementation } from '../../src/harness/builtin-implementations.js';
import { loadFixtures } from '../../src/harness/fixture-file.js';
import { adoptedGoldenTexts, fitsFixture, fixtureTexts } from '../../src/harness/fixture-texts.js';
import { processImplementation, TS_SERVER_SOURCE_COMMAND, type Implementation } from '../../src/harness/implementation.js';
import { runParity, type ParityResult } from '../../src/harness/parity-run.js';
import { fileDigest, openVerifiedFixtures, type VerifiedFixtures } from '../../src/harness/verified-fixtures.js';
import type { Fixture } from '../../generated/ts/types.js';
import { lifecycleSteps, referenceFixture } from './support/reference-fixtures.js';

type Json = Record<string, unknown>;

/** The same value with every object's keys in reverse order (canonicalises to the same text). */
function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reversedKeys(v)]));
}

function withExpected(fixture: Fixture, index: number, change: (answer: Json) => unknown): Fixture {
  return { ...fixture, expected: fixture.expected.map((answer, i) => (i === index ? change(answer as unknown as Json) : answer)) } as Fixture;
}

/**
 * Golden answers planted with what kept texts must never hide: one field changed, an extra key,
 * and (harmless) keys in another order. The files are written as JSON.stringify gives them, so
 * that key order reaches the file.
 */
function plantedRoot(): string {
  const good = referenceFixture('a-good', lifecycleSteps('ta'));
  const field = withExpected(referenceFixture('b-field', lifecycleSteps('tb')), 2, (answer) => {
    const result = answer.result as { outcome: { transitions: Json[] } };
    const [first, ...rest] = result.outcome.transitions;
    return { ...answer, result: { ...result, outcome: { ...result.outcome, transitions: [{ ...first, fill_price: 100.7 /* same length as 100.5 */ }, ...rest] } } };
  });
  // A key the schema allows but the engine does not write here (a closed model refuses any other).
  const extra = withExpected(referenceFixture('c-extra', lifecycleSteps('tc')), 1, (answer) => {
    const result = answer.result as { outcome: Json };
    return { ...answer, result: { ...result, outcome: { ...result.outcome, details: { reason: 'planted' } } } };
  });
  const order = withExpected(referenceFixture('d-order', lifecycleSteps('td')), 3, reversedKeys);
  const root = mkdtempSync(join(tmpdir(), 'lockstep-texts-'));
  const files: Record<string, string> = {};
  for (const fixture of [good, field, extra, order]) files[`corpus/${fixture.name}.json`] = `${JSON.stringify(fixture, null, 2)}\n`;
  writeRoot(root, files);
  return root;
}

function writeRoot(root: string, files: Record<string, string>): void {
  mkdirSync(join(root, 'corpus'), { recursive: true });
  mkdirSync(join(root, 'regressions'), { recursive: true });
  for (const [path, text] of Object.entries(files)) writeFileSync(join(root, path), text);
}

function cachePath(): string {
  return join(mkdtempSync(join(tmpdir(), 'lockstep-texts-cache-')), 'verified.json');
}

/** Everything a run decided, per implementation and fixture (the verdict in full). */
async function verdicts(root: string, implementations: readonly Implementation[], verified?: VerifiedFixtures): Promise<unknown[]> {
  const result: ParityResult = await runParity({
    fixturesRoot: root,
    repoRoot: process.cwd(),
    implementations,
    selectors: [],
    timeoutMs: 20_000,
    knownDivergences: [],
    ...(verified ? { verified } : {}),
  });
  if (result.kind !== 'ran') throw new Error(JSON.stringify(result));
  return result.cases.map((c) => ({ implementation: c.implementation, fixture: c.fixture.loaded.fixture.name, status: c.status, verdict: c.verdict }));
}

function statusOf(cases: unknown[], implementation: string): Record<string, string> {
  const mine = cases as Array<{ implementation: string; fixture: string; status: string }>;
  return Object.fromEntries(mine.filter((c) => c.implementation === implementation).map((c) => [c.fixture, c.status]));
}

// The TS kernel as a process: every fixture relocated into one session (seqs shifted), so the
// kept golden texts are compared at a seq offset.
const server = processImplementation(TS_SERVER_SOURCE_COMMAND);
// The reference leaving its golden is `golden-stale`; any other implementation `diverged`.
const planted = (left: string): Record<string, string> => ({ 'a-good': 'passed', 'b-field': left, 'c-extra': left, 'd-order': 'passed' });

describe('kept fixture texts (requests and golden answers, beside the verified files)', () => {
  it('give the verdicts of an uncached run, cold and warm, in a fresh session and relocated', async () => {
    const root = plantedRoot();
    for (const implementations of [[referenceImplementation], [server], [referenceImplementation, server]]) {
      const uncached = await verdicts(root, implementations);
      expect(statusOf(uncached, implementations[0]!.name)).toEqual(planted(implementations[0] === server ? 'diverged' : 'golden-stale'));
      // Three ways: the server follows the reference (judged against its answers, relocated).
      if (implementations.length > 1) expect(statusOf(uncached, server.name)).toEqual(planted('passed'));
      const path = cachePath();
      expect(await verdicts(root, implementations, openVerifiedFixtures(path, 'code-a'))).toEqual(uncached);
      expect(await verdicts(root, implementations, openVerifiedFixtures(path, 'code-a'))).toEqual(uncached);
    }
  }, 60_000);

  it('are what serialising gives, and are adopted on a warm load', () => {
    const root = plantedRoot();
    const path = cachePath();
    loadFixtures(root, openVerifiedFixtures(path, 'code-a'));
    const warm = loadFixtures(root, openVerifiedFixtures(path, 'code-a'));
    if (!warm.ok) throw new Error('refused');
    for (const { fixture } of warm.fixtures) {
      const kept = adoptedGoldenTexts(fixture)!;
      expect(kept.map(([text]) => text)).toEqual(fixture.expected.map((answer) => canonicalize(answer)));
      expect(fixtureTexts(fixture)).toEqual({ config: canonicalize(fixture.config), requests: expect.any(Array), expected: kept });
    }
  });

  it('are ignored when written by other code, when they do not fit, and when the file changed', async () => {
    const root = plantedRoot();
    const uncached = await verdicts(root, [referenceImplementation]);
    const path = cachePath();
    await verdicts(root, [referenceImplementation], openVerifiedFixtures(path, 'code-old'));
    // Swap the kept texts of the good fixture and the one with a changed field (same shape).
    const stored = JSON.parse(readFileSync(path, 'utf8')) as { checker: string; fixtures: Record<string, unknown> };
    const digest = (name: string): string => fileDigest(readFileSync(join(root, 'corpus', `${name}.json`)));
    const [good, field] = [digest('a-good'), digest('b-field')];
    [stored.fixtures[good], stored.fixtures[field]] = [stored.fixtures[field], stored.fixtures[good]];
    writeFileSync(path, JSON.stringify(stored));
    // The planted texts are used under the key they were written with (what the key guards)...
    expect(statusOf(await verdicts(root, [referenceImplementation], openVerifiedFixtures(path, 'code-old')), 'ts-in-process')).toMatchObject({ 'a-good': 'golden-stale' });
    // ...and ignored under another code version.
    expect(await verdicts(root, [referenceImplementation], openVerifiedFixtures(path, 'code-new'))).toEqual(uncached);

    // An entry that does not fit its file (one golden text missing) is serialised again.
    const fresh = cachePath();
    await verdicts(root, [referenceImplementation], openVerifiedFixtures(fresh, 'code-a'));
    const kept = JSON.parse(readFileSync(fresh, 'utf8')) as { checker: string; fixtures: Record<string, { expected: unknown[] }> };
    kept.fixtures[field]!.expected.pop();
    writeFileSync(fresh, JSON.stringify(kept));
    expect(await verdicts(root, [referenceImplementation], openVerifiedFixtures(fresh, 'code-a'))).toEqual(uncached);

    // A file edited after its texts were kept: the entry of its old bytes is never used for it.
    const edited = JSON.parse(readFileSync(join(root, 'corpus', 'a-good.json'), 'utf8')) as Fixture;
    writeFileSync(join(root, 'corpus', 'a-good.json'), `${JSON.stringify(withExpected(edited, 0, (answer) => ({ ...answer, seq: (answer.seq as number) + 100 })))}\n`);
    const afterEdit = await verdicts(root, [referenceImplementation]);
    expect(statusOf(afterEdit, 'ts-in-process')).toMatchObject({ 'a-good': 'golden-stale' });
    expect(await verdicts(root, [referenceImplementation], openVerifiedFixtures(fresh, 'code-a'))).toEqual(afterEdit);
  }, 60_000);

  it('refuses stored texts of another shape', () => {
    const fixture = referenceFixture('shape', lifecycleSteps('ts'));
    const texts = fixtureTexts(fixture);
    expect(fitsFixture(texts, fixture)).toBe(true);
    expect(fitsFixture({ ...texts, expected: texts.expected.slice(1) }, fixture)).toBe(false);
    expect(fitsFixture({ ...texts, requests: [null, ...texts.requests.slice(1)] }, fixture)).toBe(false);
    const [text, start, end] = texts.requests[0]!;
    expect(fitsFixture({ ...texts, requests: [[text, start + 1, end], ...texts.requests.slice(1)] }, fixture)).toBe(false);
    expect(fitsFixture({ ...texts, expected: [[1, -1, -1], ...texts.expected.slice(1)] }, fixture)).toBe(false);
    expect(fitsFixture(null, fixture)).toBe(false);
  });
});
