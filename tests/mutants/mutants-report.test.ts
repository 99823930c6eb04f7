import { describe, expect, it } from 'vitest';
import { againstCurrent, formatMutantsReport, mergeMutantsReports, mutationScore, statusCounts, failedMutants, type MutantsReport } from '../../src/mutants/mutants-report.js';
import { parseMutantsArguments } from '../../src/mutants/mutants-arguments.js';
import type { MutantResult } from '../../src/mutants/mutant.js';

const result = (id: string, status: MutantResult['status']): MutantResult => ({ id, kernel: 'ts', file: 'src/kernel/a.ts', line: 3, description: 'f: > -> >=', status, ms: 1 });
const shard = (index: number, results: MutantResult[], inShard: number): MutantsReport => ({ report_version: 1, kernel: 'ts', shard: { index, count: 2 }, listed: 10, in_shard: inShard, results, ratchet: [], elapsed_ms: 1000 * index });

describe('mutants report', () => {
  it('scores killed and timed out over those judged, leaving out equivalent, unviable and not run', () => {
    const merged = mergeMutantsReports([shard(1, [result('a', 'killed'), result('b', 'survived'), result('c', 'equivalent')], 5), shard(2, [result('d', 'timeout'), result('e', 'unviable')], 5)]);
    const c = statusCounts(merged);
    expect(c).toEqual({ killed: 1, survived: 1, timeout: 1, unviable: 1, equivalent: 1, not_run: 5 });
    expect(mutationScore(c)).toBeCloseTo(2 / 3);
    expect(failedMutants(merged)).toBe(true);
    const text = formatMutantsReport(merged);
    expect(text).toMatch(/5 of 10 run/);
    expect(text).toMatch(/score 66.7 %/);
    expect(text).toMatch(/SURVIVED src\/kernel\/a.ts:3 f: > -> >=/);
  });

  it('a re-run supersedes an earlier judgement, and the merge is read against the current code and list', () => {
    const first = shard(1, [result('a', 'survived'), result('b', 'survived'), result('gone', 'killed'), result('c', 'equivalent')], 4);
    const rerun = shard(2, [result('a', 'killed')], 1);
    const merged = mergeMutantsReports([first, rerun]);
    expect(merged.results.map((x) => `${x.id}:${x.status}`)).toEqual(['a:killed', 'b:survived', 'c:equivalent', 'gone:killed']);
    // b was argued since the run, c's argument was withdrawn, `gone` names code that moved, d is new.
    const { report, dropped } = againstCurrent(merged, ['a', 'b', 'c', 'd'], new Map([['b', 'argued']]));
    expect(dropped).toBe(1);
    expect(report.results.map((x) => `${x.id}:${x.status}`)).toEqual(['a:killed', 'b:equivalent', 'c:survived']);
    expect(statusCounts(report)).toMatchObject({ killed: 1, equivalent: 1, survived: 1, not_run: 1 });
    expect(report.results.find((x) => x.id === 'b')?.by).toBe('argued');
  });

  it('arguments: usage mistakes name the flag and the value', () => {
    expect(parseMutantsArguments(['--kernel', 'rust', '--shard', '2/8', '--budget', '60']).shard).toEqual({ index: 2, count: 8 });
    expect(() => parseMutantsArguments(['--shard', '9/8'])).toThrow(/--shard must be I\/N with 1 <= I <= N, got 9\/8/);
    expect(() => parseMutantsArguments(['--kernel', 'go'])).toThrow(/--kernel must be ts, rust or both, got go/);
    expect(() => parseMutantsArguments(['--frobnicate'])).toThrow(/unknown argument '--frobnicate'/);
  });
});
