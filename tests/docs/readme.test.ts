// Every command example in README.md runs here, so the README cannot drift from the CLI: each
// must exit 0 with no stack trace. A few are not run, each for the reason given (they are what
// CI itself runs, or are long measurements); the list is checked against the README too.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RUST_KERNEL_BIN } from '../../src/harness/rust-kernel-build.js';
import { expandExample, readmeExamples } from './readme-examples.js';

const root = resolve(import.meta.dirname, '../..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const scripts = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
const cli = `node --import tsx ${join(root, 'src/cli/main.ts')}`;

const NOT_RUN: Readonly<Record<string, string>> = {
  'pnpm install --frozen-lockfile && pnpm parity': 'the main job: CI runs it as its first command',
  'pnpm test': 'this suite itself: CI runs it as its second command',
};

/** The installed-package examples run in a folder laid out as they assume: config.json, my-fixtures/, ./my-kernel. */
function consumerFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lockstep-readme-'));
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  const source = join(root, 'fixtures/corpus/exit/exit-leg-clamped-to-open-size.json');
  const fixture = JSON.parse(readFileSync(source, 'utf8')) as { name: string; config: unknown };
  writeFileSync(join(dir, 'config.json'), JSON.stringify(fixture.config));
  mkdirSync(join(dir, 'my-fixtures/corpus/mine'), { recursive: true });
  writeFileSync(join(dir, 'my-fixtures/corpus/mine/my-fixture.json'), JSON.stringify({ ...fixture, name: 'my-fixture' }, null, 2));
  writeFileSync(join(dir, 'my-kernel'), `#!/bin/sh\nexec ${RUST_KERNEL_BIN}\n`);
  chmodSync(join(dir, 'my-kernel'), 0o755);
  return dir;
}

describe('README.md', () => {
  const examples = readmeExamples(readme);

  it('has command examples, and every exemption names one of them', () => {
    expect(examples.length).toBeGreaterThan(15);
    for (const command of Object.keys(NOT_RUN)) expect(examples.map((e) => e.command)).toContain(command);
  });

  it('links only to files that exist (npm resolves relative links against the repository)', () => {
    for (const [, target] of readme.matchAll(/\]\(([^)#]+)(?:#[^)]*)?\)/g)) {
      if (/^https?:/.test(target!)) continue;
      expect(existsSync(join(root, target!)), target).toBe(true);
    }
  });

  let consumer: string | undefined;
  for (const example of examples) {
    if (NOT_RUN[example.command] !== undefined) continue;
    it(`line ${example.line}: ${example.command}`, () => {
      const installed = example.command.includes('npx lockstep');
      if (installed && consumer === undefined) consumer = consumerFolder();
      const cwd = installed ? consumer! : root;
      mkdirSync(join(root, 'reports'), { recursive: true });
      const shell = expandExample(example.command, scripts, cli);
      const run = spawnSync('sh', ['-c', shell], { cwd, encoding: 'utf8', env: { ...process.env, CI: 'true', PATH: `${join(root, 'node_modules/.bin')}:${dirname(process.execPath)}:${process.env['PATH'] ?? ''}` }, timeout: 240_000 });
      const output = `${run.stdout}\n${run.stderr}`;
      expect(run.status, `${shell}\n${output.slice(-3000)}`).toBe(0);
      expect(output).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
    }, 300_000);
  }
});

