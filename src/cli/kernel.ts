// `lockstep kernel`: the reference kernel as a protocol server on stdin/stdout.
import { serve, Session } from '../protocol/index.js';
import pkg from '../../package.json' with { type: 'json' };
import { UsageError, type CliCommand } from './command.js';

const HELP = `usage: lockstep kernel

Serves the wire protocol (docs/protocol.md) on stdin/stdout: one JSON request per line in,
exactly one canonical JSON answer per line out, in order. A malformed or invalid line gets an
error answer and the session goes on; end of input or \`bye\` exits 0.

environment:
  LOCKSTEP_DEBUG_INVARIANTS=1   check every kernel invariant after every step

examples:
  lockstep kernel < requests.jsonl
  printf '%s\\n' '{"op":"hello","seq":0,"protocol_version":"1.0"}' '{"op":"bye","seq":1}' | lockstep kernel`;

export const kernelCommand: CliCommand = {
  name: 'kernel',
  help: HELP,
  async run(args, ctx) {
    if (args.length > 0) throw new UsageError(`unexpected argument '${args[0]}'`);
    const session = new Session(
      { name: 'lockstep', version: pkg.version, language: 'typescript' },
      { debugInvariants: ctx.env['LOCKSTEP_DEBUG_INVARIANTS'] === '1' },
    );
    const result = await serve(ctx.stdin, ctx.stdout, session);
    // After bye nothing more is read: stop listening so the process can end.
    if (result.bye) ctx.stdin.destroy();
    return 0;
  },
};
