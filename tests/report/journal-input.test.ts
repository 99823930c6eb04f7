import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildReportData } from '../../src/report/build-report-data.js';
import { loadInputs } from '../../src/report/load-inputs.js';

const repoRoot = join(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'report-journal-'));

function compare(a: string, b: string): string {
  const path = join(dir, `${a.replace(/\W/g, '')}-${b.replace(/\W/g, '')}.json`);
  let text: string;
  try {
    text = execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'journal', 'compare', a, b, '--json'], { cwd: repoRoot, encoding: 'utf8' });
  } catch (error) {
    text = (error as { stdout: string }).stdout; // exit 1: the journals differ
  }
  writeFileSync(path, text);
  return path;
}

describe('journal comparisons as the replay gate', () => {
  it('reads lockstep journal compare --json: identical passes, different fails naming the record', async () => {
    const same = compare('fixtures/journals/corpus-entry.journal', 'fixtures/journals/corpus-entry.journal');
    const differ = compare('fixtures/journals/corpus-entry.journal', 'fixtures/journals/corpus-exit.journal');
    const { data } = await buildReportData(await loadInputs([same, differ], repoRoot), { cwd: repoRoot, title: 't' });
    const gates = data.gates.filter((g) => g.gate === 'replay');
    expect(gates.map((g) => g.status)).toEqual(['pass', 'fail']);
    expect(gates[1]!.red[0]!.command).toBe('lockstep journal compare fixtures/journals/corpus-entry.journal fixtures/journals/corpus-exit.journal --json');
    expect(gates[1]!.summary).toMatch(/first differing record \d+ at \/\w+/);
    expect(gates[1]!.summary.length).toBeLessThan(500); // two values of at most 120 code points each, not whole records
  });

  it('names what breaks the journal comparison contract', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ compare_version: 'lockstep.journal-compare.v1', a: {}, b: {}, identical: true }));
    await expect(loadInputs([bad], repoRoot)).rejects.toThrow(/bad\.json: .*(headers_equal|file).* \(not a valid JournalCompare\)/);
  });
});
