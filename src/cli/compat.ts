// `lockstep compat`: are the current contracts compatible with the last release (or a ref)?
import { ContractSetError } from '../compat/contract-set.js';
import { AckFileError } from '../compat/acks.js';
import { RefError } from '../compat/refs.js';
import { parseCompatArgs, runCompat } from '../compat/run.js';
import type { CliCommand } from './command.js';

export const compatCommand: CliCommand = {
  name: 'compat',
  help: `usage: lockstep compat [--against <git ref|folder|tarball>] [--mode MODE] [--format FORMAT]
                       [--samples N | --no-sample] [--seed N] [--acks FILE] [--gate] [--record-release]

Compares every schema and data table in schemas/ with a baseline: by default the last release
recorded in contracts/releases/lock.json (the *_TRANSITIVE modes: every release). Each change
gets a stable rule id, its directions (BACKWARD: new readers accept old data; FORWARD: old
readers accept new data) and what it breaks (WIRE, CODEGEN, PARITY). Breaks come with a witness
instance; a compatible verdict is backed by sampling N instances (default 1000) per changed
definition through the other side's compiled validator ("unproven" when a branch was missed).

options:
  --against REF    a git ref (main, v0.1.0, HEAD~3), a folder holding schemas/, or a .tgz/.tar
  --mode MODE      BACKWARD, FORWARD, FULL (default), or *_TRANSITIVE
  --format F       table (default), json (schemas/compat_report.schema.json), github, junit,
                   changelog (a markdown section of the findings)
  --acks FILE      accepted breaks (default contracts/compat-acks.json); a stale ack fails
  --gate           release gate: a break passes only with a pending major changeset
  --record-release write contracts/releases/<package version>/ and its lock entry, and the
                   changelog section (run after pnpm version-packages)

exit codes: 0 compatible (or every break acknowledged), 1 a breaking finding or a stale ack,
2 a usage error or an unreadable baseline.

examples:
  lockstep compat
  lockstep compat --against HEAD~1 --no-sample
  lockstep compat --mode FULL_TRANSITIVE --format json`,
  async run(args, ctx) {
    try {
      const outcome = runCompat(ctx.cwd, parseCompatArgs(args));
      ctx.stdout.write(`${outcome.text}\n`);
      for (const note of outcome.notes) ctx.stderr.write(`compat: ${note}\n`);
      return outcome.code;
    } catch (error) {
      if (error instanceof ContractSetError || error instanceof AckFileError || error instanceof RefError) {
        ctx.stderr.write(`compat: ${error.message}\n`);
        return 2;
      }
      throw error;
    }
  },
};
