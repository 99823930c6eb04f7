// Runs `lockstep` in process with captured streams (tests only).
import { PassThrough, Readable } from 'node:stream';
import { runCli } from '../../src/cli/cli.js';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function lockstep(args: readonly string[], options: { stdin?: string; cwd?: string } = {}): Promise<CliRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
  stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
  const code = await runCli(args, { stdin: Readable.from([options.stdin ?? '']), stdout, stderr, env: { ...process.env, CI: 'true' }, cwd: options.cwd ?? process.cwd() });
  return { code, stdout: out, stderr: err };
}
