// User mistakes exit 2 with one message on stderr, naming what and where, never a stack trace,
// and never a green run over nothing.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lockstep } from './run-cli.js';

function expectUsage(run: { code: number; stdout: string; stderr: string }, text: string | RegExp): void {
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(text);
  expect(run.stderr).not.toMatch(/\n\s+at /);
}

describe('usage errors', () => {
  it('parity: a fixtures folder that does not exist', async () => {
    expectUsage(await lockstep(['parity', '--fixtures', '/nonexistent', '--impl', 'ts-in-process']), /fixtures folder \/nonexistent does not exist/);
  });

  it('parity: an empty fixtures folder', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'lockstep-empty-'));
    expectUsage(await lockstep(['parity', '--fixtures', empty, '--impl', 'ts-in-process']), /holds no fixture/);
  });

  it('parity: an unknown fixture name, with the closest names', async () => {
    expectUsage(await lockstep(['parity', '--fixture', 'enter-market-long', '--impl', 'ts-in-process']), /no fixture named enter-market-long \(closest: enter-market-long-on-idle/);
  });

  it('parity: a glob and a tag that match nothing', async () => {
    expectUsage(await lockstep(['parity', '--fixture', 'nothing-here/*', '--impl', 'ts-in-process']), /no fixture matches nothing-here\/\*/);
    expectUsage(await lockstep(['parity', '--tag', 'clampp', '--impl', 'ts-in-process']), /no fixture is tagged clampp \(closest: clamp/);
  });

  it('parity: an unknown option and an unwritable report, before running anything', async () => {
    expectUsage(await lockstep(['parity', '--frobnicate']), /unknown option --frobnicate/);
    expectUsage(await lockstep(['parity', '--report', 'src', '--impl', 'ts-in-process']), /--report src: cannot write there/);
    expectUsage(await lockstep(['parity', '--format', 'xml']), /--format must be one of text, junit, github, jsonl/);
  });

  it('show: an unknown fixture, with the closest names', async () => {
    expectUsage(await lockstep(['show', 'exit-leg-clamped']), /no fixture named exit-leg-clamped \(closest: exit-leg-clamped-to-open-size/);
  });

  it('fuzz: a bad flag and a --merge of a missing file', async () => {
    expectUsage(await lockstep(['fuzz', '--runs', 'many']), /--runs needs an integer/);
    expectUsage(await lockstep(['fuzz', '--merge', '/nonexistent/report.json']), /cannot read \/nonexistent\/report.json: no such file/);
  });

  it('validate: an unknown contract (with the closest) and an unreadable file', async () => {
    expectUsage(await lockstep(['validate', 'KernelConfg', 'x.json']), /unknown contract KernelConfg \(closest: KernelConfig/);
    expectUsage(await lockstep(['validate', 'KernelConfig', '/nonexistent.json']), /cannot read \/nonexistent.json: no such file/);
  });

  it('fixtures: a missing subcommand', async () => {
    expectUsage(await lockstep(['fixtures']), /name a subcommand: author or fill/);
  });

  it('codegen: a schema that breaks the meta-schema is named (exit 2)', async () => {
    const root = mkdtempSync(join(tmpdir(), 'lockstep-meta-'));
    const { cpSync, readFileSync } = await import('node:fs');
    cpSync('schemas', join(root, 'schemas'), { recursive: true });
    const file = join(root, 'schemas/kernel_config.schema.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"type": "integer"', '"type": "integr"'));
    const run = await lockstep(['codegen', '--check', '--root', root]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('schemas/kernel_config.schema.json: not a valid JSON Schema 2020-12 schema');
  });
});
