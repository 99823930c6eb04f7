// The project's own history as a catalogue: each commit that changed schemas/ compared with its
// parent gives the verdict its author would expect, and the first commit against today names the
// one tightened bound since then.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBaseline } from '../../src/compat/baseline.js';
import { compareSets } from '../../src/compat/compare-sets.js';
import { loadContractDir } from '../../src/compat/contract-set.js';
import { breaksIn } from '../../src/compat/finding.js';

const ROOT = join(import.meta.dirname, '../..');
const git = (...args: string[]): string => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();

/** Commit -> [breaks BACKWARD, breaks FORWARD, rule ids], for the changes known when this was written. */
const EXPECTED: Record<string, [boolean, boolean, string[]]> = {
  '57c823a': [false, false, ['CONTRACT_ADDED', 'DATA_FILE_ADDED']], // mode ledger: new schema and table
  '162d009': [true, false, ['NUMERIC_UPPER_BOUND_TIGHTENED']], // deviation_pct bounded at 1e15 (was 1e17)
  '3bdc3e6': [false, false, ['CONTRACT_ADDED']], // report data: new schemas
  '4ebf397': [false, false, ['CONTRACT_ADDED']], // fuzz tasks: new schemas
  '22e9d51': [false, false, ['CONTRACT_ADDED', 'DATA_FILE_ADDED']], // protocol edge table
  '1b7a2e9': [false, true, ['DATA_ROW_ADDED']], // new limits in the protocol table: old kernels lack them
  'ff50985': [false, false, []], // only schemas/inputs/ (not contracts)
  'b88ff0b': [false, false, ['CONTRACT_ADDED']], // compat report schema
  // the compat report gains required fields in closed objects: breaks both ways (0.x, unreleased)
  '9d99ce5': [true, true, ['PROPERTY_ADDED_TO_CLOSED_MODEL', 'REQUIRED_PROPERTY_ADDED']],
};

function verdict(oldRef: string, newRef: string): [boolean, boolean, string[]] {
  const c = compareSets(loadBaseline(ROOT, oldRef), loadBaseline(ROOT, newRef), { samples: 0, seed: 1, corpusRoot: undefined });
  return [c.findings.some((f) => breaksIn(f, 'BACKWARD')), c.findings.some((f) => breaksIn(f, 'FORWARD')), [...new Set(c.findings.map((f) => f.rule))].sort()];
}

describe('compat over the project history', () => {
  const commits = git('log', '--format=%h', '--abbrev=7', '--no-merges', '--', 'schemas').split('\n');
  it('the history is there (a full clone)', () => {
    expect(commits.length).toBeGreaterThanOrEqual(Object.keys(EXPECTED).length);
  });
  it.each(Object.entries(EXPECTED))('%s against its parent', (commit, expected) => {
    expect(verdict(`${commit}^`, commit)).toEqual(expected);
  });
  it('every later schema commit compares with its parent without error', () => {
    for (const commit of commits) {
      if (commit in EXPECTED || git('rev-list', '--parents', '-n', '1', commit).split(' ').length < 2) continue;
      const [b, f, rules] = verdict(`${commit}^`, commit);
      expect(typeof b === 'boolean' && typeof f === 'boolean' && Array.isArray(rules)).toBe(true);
    }
  });
  it('the first commit against today: the tightened deviation_pct bound breaks BACKWARD', () => {
    const first = git('rev-list', '--max-parents=0', 'HEAD').split('\n').pop()!;
    const c = compareSets(loadBaseline(ROOT, first), loadContractDir(ROOT, 'current'), { samples: 0, seed: 1, corpusRoot: undefined });
    const bound = c.findings.find((f) => f.rule === 'NUMERIC_UPPER_BOUND_TIGHTENED' && f.newPointer?.includes('deviation_pct'));
    expect(bound?.newPointer).toBe('fee_calibration.schema.json#/properties/deviation_pct');
  });
});
