// `lockstep parity`: every fixture through every implementation, compared byte for byte; exits
// non-zero on any divergence, crash, hang, missing implementation or stale golden answer.
import { parityCommand as runParityCommand } from '../harness/parity-command.js';
import { parseParityArguments, PARITY_USAGE } from '../harness/parity-arguments.js';
import { RUST_NAME } from '../harness/implementation.js';
import { ensureRustKernel, REPO_ROOT } from '../harness/rust-kernel-build.js';
import type { CliCommand } from './command.js';

export const parityCommand: CliCommand = {
  name: 'parity',
  help: `${PARITY_USAGE}

examples:
  lockstep parity
  lockstep parity --impl rust --quiet`,
  async run(args, ctx) {
    const parsed = parseParityArguments(args);
    // A stale Rust binary would be diffed as if it were the current source: rebuild it first.
    if (parsed.ok && (parsed.value.impls.length === 0 || parsed.value.impls.includes(RUST_NAME))) {
      try {
        ensureRustKernel((line) => ctx.stderr.write(`${line}\n`));
      } catch (error) {
        ctx.stderr.write(`parity: the Rust kernel could not be built: ${(error as Error).message}\n`);
        return 1;
      }
    }
    const output = await runParityCommand(args, REPO_ROOT);
    ctx.stdout.write(`${output.text}\n`);
    return output.exitCode;
  },
};
