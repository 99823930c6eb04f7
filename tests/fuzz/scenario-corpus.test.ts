import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkReference } from '../../src/fuzz/fuzz-engine.js';
import { referenceAnswers } from '../../src/fuzz/regression-fixtures.js';
import { corpusHash, corpusSlice, loadCorpusScenario, readCorpusIndex, scenarioFeatures } from '../../src/fuzz/scenario-corpus.js';

const dir = join(import.meta.dirname, '../../fixtures/fuzz-corpus');

describe('the shared fuzz corpus', () => {
  const { index, hash } = readCorpusIndex(dir);

  it('is fresh: every entry loads, passes on the reference engine, shows the features and golden answers the index and file hold', () => {
    expect(index.entries.length).toBeGreaterThan(0);
    expect(hash).toBe(corpusHash(readFileSync(join(dir, 'index.json'), 'utf8')));
    const scenarios = index.entries.map((e) => loadCorpusScenario(dir, e));
    const checked = checkReference(scenarios, {});
    expect(checked.failures.filter(Boolean)).toEqual([]);
    checked.reference.fixtures.forEach((run, i) => {
      const entry = index.entries[i]!;
      expect(scenarioFeatures(run.responses), `features of ${entry.id} (rebuild with lockstep fuzz corpus)`).toEqual(entry.features);
      const fixture = JSON.parse(readFileSync(join(dir, `${entry.id}.json`), 'utf8'));
      expect(fixture.expected, `golden answers of ${entry.id} (rebuild with lockstep fuzz corpus)`).toEqual(referenceAnswers(fixture));
    });
  });

  it('gives every entry to exactly one shard', () => {
    const slices = [1, 2, 3].map((i) => corpusSlice(index, { index: i, count: 3 }).map((e) => e.id));
    expect(slices.flat().sort()).toEqual(index.entries.map((e) => e.id).sort());
  });

  it('refuses an entry whose content is not what its address says', () => {
    const copy = mkdtempSync(join(tmpdir(), 'lockstep-corpus-'));
    cpSync(dir, copy, { recursive: true });
    const entry = index.entries[0]!;
    const file = join(copy, `${entry.id}.json`);
    const fixture = JSON.parse(readFileSync(file, 'utf8'));
    fixture.config.slot_count += 1;
    writeFileSync(file, JSON.stringify(fixture));
    expect(() => loadCorpusScenario(copy, entry)).toThrow(/does not match its address|not a fixture/);
  });
});
