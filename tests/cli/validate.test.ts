// lockstep validate: planted invalid instances are found, with file, line, pointer, keyword.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validate } from '../../src/contracts/index.js';
import { lockstep } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'lockstep-validate-'));
const hello = '{"op":"hello","seq":0,"protocol_version":"1.0"}';
const lines = join(dir, 'requests.jsonl');
writeFileSync(lines, `${hello}\n\n{"op":"hello","seq":"x"}\n{not json\n`);
const config = join(dir, 'config.json');
writeFileSync(config, '\n{ "slot_count": -1 }\n');

describe('lockstep validate', () => {
  it('exits 0 on valid input from stdin', async () => {
    const run = await lockstep(['validate', 'ProtocolRequest', '-'], { stdin: `${hello}\n` });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('<stdin>:1: valid');
  });

  it('reads JSON lines, naming file and line of each invalid instance (first error by default)', async () => {
    const run = await lockstep(['validate', 'ProtocolRequest', lines]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`${lines}:3: /protocol_version: required:`);
    expect(run.stdout).not.toContain(`${lines}:3: /seq`);
    expect(run.stdout).toMatch(new RegExp(`${lines}:4: /: json: not JSON`));
    expect(run.stdout).toContain('3 instance(s), 1 valid, 2 invalid');
  });

  it('reports every error with --all-errors', async () => {
    const run = await lockstep(['validate', 'ProtocolRequest', lines, '--all-errors']);
    expect(run.stdout).toContain(`${lines}:3: /protocol_version: required:`);
    expect(run.stdout).toContain(`${lines}:3: /seq: type:`);
  });

  it('reads one JSON document, naming the line it starts on', async () => {
    const run = await lockstep(['validate', 'KernelConfig', config, '--all-errors']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`${config}:2: /slot_count: minimum:`);
    expect(run.stdout).toContain(`${config}:2: /seed_capital: required:`);
  });

  it('renders junit, github and jsonl', async () => {
    const junit = await lockstep(['validate', 'ProtocolRequest', lines, '--format', 'junit']);
    expect(junit.stdout).toContain('<testsuite name="ProtocolRequest" tests="3" failures="2"');
    const github = await lockstep(['validate', 'ProtocolRequest', lines, '--format', 'github']);
    expect(github.stdout).toContain(`::error file=${lines},line=3,`);
    const jsonl = await lockstep(['validate', 'ProtocolRequest', lines, '--format', 'jsonl']);
    expect(jsonl.stdout.trim().split('\n').map((l) => JSON.parse(l) as { type: string }).at(-1)).toMatchObject({ type: 'summary', checks: 3, failed: 2 });
  });
});

describe('validate(name, value, { allErrors })', () => {
  it('returns the first error by default and every error when asked', () => {
    const bad = { op: 'hello', seq: 'x' };
    const first = validate('ProtocolRequest', bad);
    const all = validate('ProtocolRequest', bad, { allErrors: true });
    expect(first.ok || first.errors.length).toBe(1);
    expect(all.ok ? [] : all.errors.map((e) => e.path)).toEqual(expect.arrayContaining(['/protocol_version', '/seq']));
  });

  it('agrees with the first-error validators on the verdict', () => {
    for (const value of [JSON.parse(hello), { op: 'bye', seq: 1 }, { op: 'nope' }, null, []]) {
      expect(validate('ProtocolRequest', value, { allErrors: true }).ok).toBe(validate('ProtocolRequest', value).ok);
    }
  });
});
