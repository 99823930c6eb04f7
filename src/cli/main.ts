#!/usr/bin/env node
// The process entry of `lockstep`: everything else is in cli.ts, which tests call directly.
import type { CliContext } from './command.js';
import { runCli } from './cli.js';

const ctx: CliContext = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
runCli(process.argv.slice(2), ctx).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`lockstep: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
