// The shape every `lockstep <command>` shares: a name, a one-line summary for `lockstep --help`,
// a full help text with examples, and a run function that turns arguments into an exit code.
import type { Readable, Writable } from 'node:stream';

/** Where a command reads and writes; tests pass their own streams. */
export interface CliContext {
  readonly stdin: Readable;
  readonly stdout: Writable;
  readonly stderr: Writable;
  readonly env: NodeJS.ProcessEnv;
  /** The folder relative paths in arguments are resolved against. */
  readonly cwd: string;
}

/** One subcommand. `run` resolves to the exit code: 0 success, 1 a failed check, 2 a usage error. */
export interface CliCommand {
  readonly name: string;
  /** The full `--help` text: usage, options and at least one example. */
  readonly help: string;
  run(args: readonly string[], ctx: CliContext): Promise<number>;
}

/**
 * A mistake in the command line (unknown flag, missing value, a selector that matches nothing).
 * main prints its message and the command's usage on stderr and exits 2, never with a trace.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Exit codes every command shares. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** True when the arguments ask for help (`--help` or `-h` anywhere before a `--`). */
export function wantsHelp(args: readonly string[]): boolean {
  for (const a of args) {
    if (a === '--') return false;
    if (a === '--help' || a === '-h') return true;
  }
  return false;
}
