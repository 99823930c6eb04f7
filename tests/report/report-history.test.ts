import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendHistory, historyLine, signatureAges } from '../../src/report/report-history.js';
import { parseInputText } from '../../src/report/read-input.js';

const line = (label: string, signatures: string[]) => historyLine(label, [], {}, signatures);
const labels = (text: string) => parseInputText('h', text).records.map((r) => (r.value as { label: string }).label);

describe('report history', () => {
  it('tells new, known and fixed signatures', () => {
    const ages = signatureAges(['a', 'c'], [line('1', ['a', 'b']), line('2', ['b', 'd'])]);
    expect(ages).toEqual({ new: ['c'], known: ['a'], fixed: ['b', 'd'] });
    expect(signatureAges(['a'], [])).toEqual({ new: ['a'], known: [], fixed: [] });
  });

  it('appends one line per run; a torn last line is cut and kept aside, never glued on', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'report-history-')), 'history.jsonl');
    await appendHistory(path, line('run-1', []));
    writeFileSync(path, `${readFileSync(path, 'utf8')}{"history_vers`);
    expect(await appendHistory(path, line('run-2', ['x']))).toEqual({ cut: '{"history_vers' });
    expect(readFileSync(`${path}.torn`, 'utf8')).toBe('{"history_vers');
    expect(labels(readFileSync(path, 'utf8'))).toEqual(['run-1', 'run-2']);
  });

  it('keeps a complete last line that only lacks its newline', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'report-history-')), 'history.jsonl');
    writeFileSync(path, JSON.stringify(line('run-1', [])));
    expect(await appendHistory(path, line('run-2', []))).toEqual({});
    expect(existsSync(`${path}.torn`)).toBe(false);
    expect(labels(readFileSync(path, 'utf8'))).toEqual(['run-1', 'run-2']);
  });
});
