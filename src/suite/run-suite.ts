// Runs one test runner as a child, passing its output through while keeping a copy to count.
import { spawn } from 'node:child_process';
import type { Writable } from 'node:stream';

export interface RunnerOutcome {
  readonly status: number;
  readonly output: string;
}

export function runRunner(command: string, args: readonly string[], cwd: string, out: Writable, err: Writable): Promise<RunnerOutcome> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      out.write(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      err.write(chunk);
    });
    child.on('error', (error) => resolve({ status: 127, output: `${output}\n${command} could not start: ${error.message}` }));
    child.on('close', (code) => resolve({ status: code ?? 1, output }));
  });
}
