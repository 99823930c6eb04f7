// `lockstep kernel`: the reference kernel as a protocol server on stdin/stdout.
import { serve, Session } from '../protocol/index.js';
import pkg from '../../package.json' with { type: 'json' };

export async function kernelCommand(env: NodeJS.ProcessEnv): Promise<number> {
  const session = new Session(
    { name: 'lockstep', version: pkg.version, language: 'typescript' },
    { debugInvariants: env['LOCKSTEP_DEBUG_INVARIANTS'] === '1' },
  );
  const result = await serve(process.stdin, process.stdout, session);
  // After bye nothing more is read: stop listening so the process can end.
  if (result.bye) process.stdin.destroy();
  return 0;
}
