// The `lockstep` command line as a function (main.ts is the process entry): picks a subcommand from the table in commands.ts, runs it, and
// turns its result into an exit code. Usage errors exit 2 with one line on stderr; an
// unexpected error prints one line and a hint (`--debug` shows the stack).
import pkg from '../../package.json' with { type: 'json' };
import { UsageError, wantsHelp, type CliContext } from './command.js';
import { COMMANDS, findCommand } from './commands.js';

import { PROTOCOL_VERSION } from '../protocol/limits.js';

function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  const lines = COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return `usage: lockstep <command> [options]    (lockstep <command> --help for its options)

commands:
${lines.join('\n')}

global options:
  -h, --help     show help (of a command, after its name)
  --version      print the package and protocol versions
  --debug        show the stack trace of an unexpected error
`;
}

export async function runCli(argv: readonly string[], ctx: CliContext): Promise<number> {
  const debug = argv.includes('--debug');
  const args = argv.filter((a) => a !== '--debug');
  const [name, ...rest] = args;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? ctx.stderr : ctx.stdout).write(usage());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-V') {
    ctx.stdout.write(`lockstep ${pkg.version} (protocol ${PROTOCOL_VERSION})\n`);
    return 0;
  }
  const entry = findCommand(name);
  if (entry === undefined) {
    ctx.stderr.write(`lockstep: unknown command '${name}'\n\n${usage()}`);
    return 2;
  }
  const command = await entry.load();
  if (wantsHelp(rest)) {
    ctx.stdout.write(`${command.help}\n`);
    return 0;
  }
  try {
    return await command.run(rest, ctx);
  } catch (error) {
    if (error instanceof UsageError) {
      ctx.stderr.write(`lockstep ${name}: ${error.message}\n(lockstep ${name} --help shows the usage)\n`);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    ctx.stderr.write(`lockstep ${name}: internal error: ${message}\n`);
    ctx.stderr.write(debug && error instanceof Error && error.stack !== undefined ? `${error.stack}\n` : `(run again with --debug to see the stack trace)\n`);
    return 1;
  }
}
