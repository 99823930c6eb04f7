// `lockstep kernel`: the reference kernel as a protocol server on stdin/stdout, optionally
// writing a journal of every answered line.
import { resolve } from 'node:path';
import { listen, serve, Session, untilClosed, type AnswerSink } from '../protocol/index.js';
import { journalOptions, openKernelJournal } from '../journal/kernel-journal.js';
import pkg from '../../package.json' with { type: 'json' };
import { UsageError, type CliCommand } from './command.js';

const HELP = `usage: lockstep kernel [--journal FILE [--durability every|batch|none] [--checkpoint-interval K] [--continues OLD]]
       lockstep kernel --listen SOCKET

Serves the wire protocol (docs/protocol.md) on stdin/stdout: one JSON request per line in,
exactly one canonical JSON answer per line out, in order. A malformed or invalid line gets an
error answer and the session goes on; end of input or \`bye\` exits 0.

options:
  --journal FILE            append every answered line to the journal FILE (docs/journal.md);
                            a torn tail is cut aside first, a sealed or damaged journal exits 1
  --durability POLICY       every | batch (default: one fsync per read, before the answers
                            go out) | none
  --checkpoint-interval K   a checkpoint every K records (default 1024)
  --continues OLD           FILE is a new journal continuing OLD (sealed by a clean stop, or
                            clean): its header names OLD's last run and chain head (parent_run)
  --listen SOCKET           serve many sessions from one process instead: each connection to
                            the Unix socket SOCKET (created; it must not exist) is a fresh
                            session, answered as on stdin/stdout. Prints 'listening SOCKET' when
                            ready and serves until stdin closes. No journal: it records one session

environment:
  LOCKSTEP_DEBUG_INVARIANTS=1   check every kernel invariant after every step
  LOCKSTEP_BUILD_ID             the build id a journal header names

examples:
  printf '%s\\n' '{"op":"hello","seq":0,"protocol_version":"1.0"}' '{"op":"bye","seq":1}' | lockstep kernel
  printf '%s\\n' '{"op":"hello","seq":0,"protocol_version":"1.0"}' | lockstep kernel --journal /tmp/run.journal`;

export const kernelCommand: CliCommand = {
  name: 'kernel',
  help: HELP,
  async run(args, ctx) {
    const implementation = { name: 'lockstep', version: pkg.version, language: 'typescript' };
    const debugInvariants = ctx.env['LOCKSTEP_DEBUG_INVARIANTS'] === '1';
    const at = args.indexOf('--listen');
    if (at >= 0) {
      const path = args[at + 1];
      if (path === undefined || path.startsWith('--')) throw new UsageError('--listen needs a socket path');
      if (args.length !== 2) throw new UsageError('--listen takes no other option (a journal records one session; give each its own process)');
      return listenForSessions(resolve(ctx.cwd, path), () => new Session(implementation, { debugInvariants }), ctx);
    }
    const options = journalOptions(args, (message) => new UsageError(message));
    const session = new Session(implementation, { debugInvariants });
    let sink: AnswerSink | undefined;
    let finish = (): void => {};
    if (options.journal !== undefined) {
      const opened = openKernelJournal(resolve(ctx.cwd, options.journal), options, implementation, ctx.env['LOCKSTEP_BUILD_ID']);
      if (!opened.ok) {
        ctx.stderr.write(`lockstep kernel: ${opened.message}\n`);
        return 1;
      }
      sink = opened.sink;
      finish = opened.finish;
    }
    const result = await serve(ctx.stdin, ctx.stdout, session, sink);
    finish();
    // After bye nothing more is read: stop listening so the process can end.
    if (result.bye) ctx.stdin.destroy();
    return 0;
  },
};

async function listenForSessions(path: string, newSession: () => Session, ctx: Parameters<CliCommand['run']>[1]): Promise<number> {
  let listening;
  try {
    listening = await listen(path, newSession);
  } catch (e) {
    ctx.stderr.write(`lockstep kernel: ${(e as Error).message}\n`);
    return 1;
  }
  ctx.stdout.write(`listening ${path}\n`);
  await untilClosed(ctx.stdin);
  await listening.close();
  return 0;
}
