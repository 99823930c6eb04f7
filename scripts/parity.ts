/**
 * `pnpm parity`: every fixture through every implementation, compared byte for
 * byte; exits non-zero on any divergence, crash, hang, missing implementation
 * or stale golden answer. See docs/parity.md.
 */
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';
import { parityCommand } from '../src/harness/parity-command.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const output = await parityCommand(process.argv.slice(2), repoRoot);
process.stdout.write(`${output.text}\n`);
process.exitCode = output.exitCode;
