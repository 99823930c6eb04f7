import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectKind } from '../../src/report/input-kind.js';
import { loadInputs } from '../../src/report/load-inputs.js';
import { parseInputText } from '../../src/report/read-input.js';
import { ReportInputError } from '../../src/report/report-input-error.js';
import { writeSampleInputs } from './support/sample-inputs.js';

const repoRoot = join(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'report-inputs-'));
const files = writeSampleInputs(dir, repoRoot);

async function failure(name: string, text: string): Promise<ReportInputError> {
  const path = join(dir, name);
  writeFileSync(path, text);
  const error = await loadInputs([path], repoRoot).then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(ReportInputError);
  return error as ReportInputError;
}

describe('report inputs', () => {
  it('tells every kind from its content alone', async () => {
    const loaded = await loadInputs(Object.values(files), repoRoot);
    expect(loaded.summary.map((s) => s.kind)).toEqual(['parity', 'fuzz_shard', 'fuzz_shard', 'compat', 'journal_compare', 'history']);
    expect(loaded.parity).toHaveLength(4);
    expect(loaded.fuzzShards).toHaveLength(2);
    expect(loaded.history).toHaveLength(2);
    expect(detectKind(parseInputText('m.json', JSON.stringify({ report_version: 1, shard: { index: 0, count: 1 }, coverage: {} })))).toBe('fuzz');
  });

  it('names the file, line and pointer of a malformed parity line', async () => {
    const good = JSON.stringify({ type: 'fixture', implementation: 'rust', fixture: 'a', id: 'x', file: 'f.json', status: 'passed', steps: 3 });
    const bad = JSON.stringify({ type: 'fixture', implementation: 'rust', fixture: 'b', id: 'x', file: 'f.json', status: 'exploded', steps: 3 });
    const e = await failure('bad-parity.jsonl', `${good}\n${bad}\n`);
    expect(e.message).toContain('bad-parity.jsonl line 2 at /status');
    expect(e.message).toContain('must be one of');
  });

  it('names a missing field of a fuzz report', async () => {
    const e = await failure('bad-fuzz.json', JSON.stringify({ report_version: 1, shard: { index: 1, count: 1 }, coverage: { slot: {}, order: {} }, seed: 1 }));
    expect(e.message).toMatch(/bad-fuzz\.json at \(root\): missing property "\w+"/);
  });

  it('names a wrong type deep inside a fuzz report', async () => {
    const e = await failure('bad-cov.json', readFileSyncJson(files.shard1, (r) => ((r.coverage as { slot: Record<string, unknown> }).slot['IDLE -ENTER-> ORDER_REQUESTED'] = 'many')));
    expect(e.message).toContain('bad-cov.json at /coverage/slot/IDLE -ENTER-> ORDER_REQUESTED');
  });

  it('refuses text that is not JSON, a torn last line, an unknown document and an empty file', async () => {
    expect((await failure('garbage.jsonl', '{"type":"fixture"}\n{nope\n')).message).toMatch(/garbage\.jsonl line 2: not JSON/);
    expect((await failure('torn.jsonl', '{"type":"summary","failed":false,"implementations":[]}\n{"type":"fix')).message).toContain('torn write');
    expect((await failure('other.json', '{"hello":1}')).message).toContain('not a report input');
    expect((await failure('empty.json', '')).message).toContain('empty');
    expect(((await loadInputs([join(dir, 'absent.json')], repoRoot).catch((e: unknown) => e)) as Error).message).toContain('no such file');
  });

  it('refuses a history line that breaks its schema', async () => {
    const e = await failure('bad-history.jsonl', `${JSON.stringify({ history_version: 1, label: 'x' })}\n`);
    expect(e.message).toMatch(/bad-history\.jsonl line 1: missing required property "slot_hit"/);
  });

  it('skips a torn last history line only when asked', () => {
    const text = '{"history_version":1}\n{"history_ver';
    expect(parseInputText('h.jsonl', text, { skipTornTail: true })).toMatchObject({ tornTail: 2, records: [{ line: 1 }] });
    expect(() => parseInputText('h.jsonl', text)).toThrow(/line 2/);
  });
});

function readFileSyncJson(path: string, edit: (r: Record<string, unknown>) => void): string {
  const value = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  edit(value);
  return JSON.stringify(value);
}
