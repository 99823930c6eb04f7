/**
 * `pnpm parity`: every fixture through every implementation, compared byte for
 * byte; exits non-zero on any divergence, crash, hang, missing implementation
 * or stale golden answer. See docs/parity.md.
 */
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';
import { parityCommand } from '../src/harness/parity-command.js';
import { parseParityArguments } from '../src/harness/parity-arguments.js';
import { parityProgressLine } from '../src/harness/parity-progress.js';
import { RUST_NAME } from '../src/harness/implementation.js';
import { ensureRustKernel } from './ensure-rust-kernel.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const parsed = parseParityArguments(argv);
// A stale Rust binary would be diffed as if it were the current source: rebuild it first.
if (parsed.ok && (parsed.value.impls.length === 0 || parsed.value.impls.includes(RUST_NAME))) {
  try {
    ensureRustKernel();
  } catch (error) {
    process.stderr.write(`parity: the Rust kernel could not be built: ${(error as Error).message}\n`);
    process.exit(1);
  }
}
const progress = process.stderr.isTTY === true ? parityProgressLine((text) => process.stderr.write(text)) : undefined;
const output = await parityCommand(argv, repoRoot, progress?.update);
progress?.end();
process.stdout.write(`${output.text}\n`);
process.exitCode = output.exitCode;
