import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalize } from '../../src/canonical/index.js';
import { loadFixtures } from '../../src/harness/fixture-file.js';
import { fileDigest, openVerifiedFixtures, UNUSED_SAVES_MAX } from '../../src/harness/verified-fixtures.js';
import { fakeFixture, writeFixtureRoot } from './support/temp-fixtures.js';

function cachePath(): string {
  return join(mkdtempSync(join(tmpdir(), 'lockstep-verified-')), 'verified.json');
}

function names(load: ReturnType<typeof loadFixtures>): string[] {
  if (!load.ok) throw new Error(JSON.stringify(load.problems));
  return load.fixtures.map((entry) => entry.fixture.name);
}

describe('verified fixture files (the parity run checks only what changed)', () => {
  it('remembers the files that passed, and loads them to the same fixtures', () => {
    const root = writeFixtureRoot([fakeFixture('first'), fakeFixture('second')]);
    const path = cachePath();
    const checked = loadFixtures(root, openVerifiedFixtures(path, 'checker-a'));
    const stored = JSON.parse(readFileSync(path, 'utf8')) as { checker: string; fixtures: Record<string, unknown> };
    expect(stored.checker).toBe('checker-a');
    expect(Object.keys(stored.fixtures)).toHaveLength(2);
    const remembered = loadFixtures(root, openVerifiedFixtures(path, 'checker-a'));
    expect(remembered).toEqual(checked);
    expect(names(remembered)).toEqual(['first', 'second']);
  });

  it('checks a changed file again: a bad edit of a remembered file is refused', () => {
    const good = fakeFixture('edited');
    const root = writeFixtureRoot([good]);
    const path = cachePath();
    expect(loadFixtures(root, openVerifiedFixtures(path, 'checker-a')).ok).toBe(true);
    // Same content with a stale id: the id check must run again and refuse it.
    writeFileSync(join(root, 'corpus', 'edited.json'), `${canonicalize({ ...good, id: `sha256:${'0'.repeat(64)}` })}\n`);
    const load = loadFixtures(root, openVerifiedFixtures(path, 'checker-a'));
    expect(load.ok).toBe(false);
    expect(!load.ok && load.problems[0]!.pointer).toBe('/id');
  });

  it('never remembers a refused file, and forgets everything when the checker changes', () => {
    const root = writeFixtureRoot([fakeFixture('kept')], { 'corpus/broken.json': '{"name": "broken", "name": "twice"}\n' });
    const path = cachePath();
    const first = loadFixtures(root, openVerifiedFixtures(path, 'checker-a'));
    expect(first.ok).toBe(false);
    const brokenDigest = fileDigest(readFileSync(join(root, 'corpus', 'broken.json')));
    expect(openVerifiedFixtures(path, 'checker-a').has(brokenDigest)).toBe(false);
    const keptDigest = fileDigest(readFileSync(join(root, 'corpus', 'kept.json')));
    expect(openVerifiedFixtures(path, 'checker-a').has(keptDigest)).toBe(true);
    expect(openVerifiedFixtures(path, 'checker-b').has(keptDigest)).toBe(false);
  });

  it('still compares names across files that were each remembered', () => {
    const path = cachePath();
    const one = writeFixtureRoot([fakeFixture('twin')]);
    const other = fakeFixture('twin', 3);
    const two = writeFixtureRoot([other]);
    expect(loadFixtures(one, openVerifiedFixtures(path, 'checker-a')).ok).toBe(true);
    expect(loadFixtures(two, openVerifiedFixtures(path, 'checker-a')).ok).toBe(true);
    writeFileSync(join(one, 'regressions', 'twin.json'), readFileSync(join(two, 'corpus', 'twin.json')));
    const load = loadFixtures(one, openVerifiedFixtures(path, 'checker-a'));
    expect(load.ok).toBe(false);
    expect(!load.ok && load.problems[0]!.reason).toMatch(/name twin is already used/);
  });

  it('keeps the entries of another root for a few saves, then drops them', () => {
    const path = cachePath();
    const corpus = writeFixtureRoot([fakeFixture('corpus-one')]);
    const digest = fileDigest(readFileSync(join(corpus, 'corpus', 'corpus-one.json')));
    const remembered = (): boolean => openVerifiedFixtures(path, 'checker-a').has(digest);
    expect(names(loadFixtures(corpus, openVerifiedFixtures(path, 'checker-a')))).toEqual(['corpus-one']);
    // Loads of other roots, each with a file not seen before (so each saves).
    const others = (count: number, tag: string): void => {
      for (let i = 0; i < count; i += 1) loadFixtures(writeFixtureRoot([fakeFixture(`other-${tag}-${i}`)]), openVerifiedFixtures(path, 'checker-a'));
    };
    others(UNUSED_SAVES_MAX, 'a');
    expect(remembered()).toBe(true);
    // Used again: its count starts over.
    loadFixtures(corpus, openVerifiedFixtures(path, 'checker-a'));
    others(UNUSED_SAVES_MAX, 'b');
    expect(remembered()).toBe(true);
    others(1, 'c');
    expect(remembered()).toBe(false);
  });

  it('loads (checking every file) when the remembered set cannot be written', () => {
    const root = writeFixtureRoot([fakeFixture('alone')]);
    const unwritable = join('/proc', 'lockstep-verified', 'verified.json');
    expect(names(loadFixtures(root, openVerifiedFixtures(unwritable, 'checker-a')))).toEqual(['alone']);
  });
});

describe('checkerKey', () => {
  it('changes when a checker source changes, and not otherwise', async () => {
    const { checkerKey } = await import('../../src/harness/verified-fixtures.js');
    const { cpSync, mkdirSync: makeDir } = await import('node:fs');
    const root = mkdtempSync(join(tmpdir(), 'lockstep-checker-'));
    makeDir(join(root, 'src'), { recursive: true });
    cpSync(join(process.cwd(), 'src/canonical'), join(root, 'src/canonical'), { recursive: true });
    const before = checkerKey(root);
    expect(checkerKey(root)).toBe(before);
    writeFileSync(join(root, 'src/canonical/limits.ts'), `${readFileSync(join(root, 'src/canonical/limits.ts'), 'utf8')}\n// changed\n`);
    expect(checkerKey(root)).not.toBe(before);
  });
});
