#!/usr/bin/env node
// The `lockstep` command line. Each subcommand lives in its own module; this file only picks
// one and turns its result into an exit code.
import { kernelCommand } from './kernel-command.js';

const USAGE = `usage: lockstep <command>

commands:
  kernel    serve the wire protocol (docs/protocol.md) on stdin/stdout
            (LOCKSTEP_DEBUG_INVARIANTS=1 checks every kernel invariant after every step)
  show      print a fixture as a timeline: lockstep show <fixture-id|name> [--impl "<cmd>" | --rust]
`;

type Command = (args: readonly string[], env: NodeJS.ProcessEnv) => Promise<number>;

const COMMANDS: Readonly<Record<string, Command>> = {
  kernel: (_args, env) => kernelCommand(env),
  // Loaded on demand so that the kernel server starts without the harness.
  show: async (args) => (await import('../harness/show.js')).showSubcommand(args),
};

async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  const command = name === undefined ? undefined : COMMANDS[name];
  if (command === undefined) {
    process.stderr.write(name === undefined ? USAGE : `lockstep: unknown command '${name}'\n\n${USAGE}`);
    return 2;
  }
  return command(rest, process.env);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`lockstep: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  },
);
