// Every command answers --help and -h with its usage and at least one example, never by running.
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/commands.js';
import { lockstep } from './run-cli.js';

describe('lockstep --help', () => {
  it('lists every command', async () => {
    const run = await lockstep(['--help']);
    expect(run.code).toBe(0);
    for (const c of COMMANDS) expect(run.stdout).toContain(`  ${c.name} `);
  });

  it('prints the package and protocol versions', async () => {
    const run = await lockstep(['--version']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^lockstep \d+\.\d+\.\d+ \(protocol \d+\.\d+\)\n$/);
  });

  it('refuses an unknown command on stderr with exit 2', async () => {
    const run = await lockstep(['paritty']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain("unknown command 'paritty'");
  });

  for (const entry of COMMANDS) {
    it(`lockstep ${entry.name} --help and -h print its usage and an example`, async () => {
      for (const flag of ['--help', '-h']) {
        const run = await lockstep([entry.name, flag]);
        expect(run.code).toBe(0);
        expect(run.stdout).toMatch(/usage: lockstep/);
        expect(run.stdout).toMatch(/examples?:\n( {2}.*\n)*? {2}.*\blockstep /);
        expect(run.stderr).toBe('');
      }
    });
  }
});
