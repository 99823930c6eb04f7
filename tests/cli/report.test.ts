import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/cli.js';

const repoRoot = join(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'report-cli-'));

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d) => (out += String(d)));
  stderr.on('data', (d) => (err += String(d)));
  const code = await runCli(args, { stdin: new PassThrough(), stdout, stderr, env: {}, cwd: repoRoot });
  return { code, stdout: out, stderr: err };
}

describe('lockstep report', () => {
  it('writes the page and says where, exit 0; --fail-on-red exits 1 on a failing gate', async () => {
    const compat = join(dir, 'compat.json');
    writeFileSync(compat, JSON.stringify({ findings: [{ rule: 'ENUM_VALUE_REMOVED', breaking: true }] }));
    const out = join(dir, 'page.html');
    const ok = await cli(['report', compat, '-o', out]);
    expect(ok).toMatchObject({ code: 0, stderr: '' });
    expect(ok.stdout).toContain(out);
    expect(readFileSync(out, 'utf8')).toContain('<!doctype html>');
    expect((await cli(['report', compat, '-o', out, '--fail-on-red'])).code).toBe(1);
  });

  it('exits 2 with the usage on a usage mistake, and 1 naming the file on a malformed input', async () => {
    expect(await cli(['report'])).toMatchObject({ code: 2, stderr: expect.stringContaining('give at least one input') });
    expect(await cli(['report', 'x', '--append'])).toMatchObject({ code: 2, stderr: expect.stringContaining('--append needs --history') });
    expect(await cli(['report', 'x', '--title'])).toMatchObject({ code: 2, stderr: expect.stringContaining('--title needs a value') });
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"findings": [{"breaking": true}]}');
    const result = await cli(['report', bad, '-o', join(dir, 'x.html')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`report: ${bad} at /findings/0: missing property "rule" (not a valid compat input)\n`);
  });
});
