// `lockstep parity`: every fixture through every implementation, compared byte for byte; exits
// non-zero on any divergence, crash, hang, missing implementation or stale golden answer.
import { parityCommand as runParityCommand } from '../harness/parity-command.js';
import { parseParityArguments, PARITY_USAGE } from '../harness/parity-arguments.js';
import { parityProgressLine } from '../harness/parity-progress.js';
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
    // A progress line on a terminal only; CI logs get the report alone.
    const tty = (ctx.stderr as { isTTY?: boolean }).isTTY === true && ctx.env['CI'] !== 'true';
    const progress = tty ? parityProgressLine((text) => ctx.stderr.write(text)) : undefined;
    const output = await runParityCommand(args, REPO_ROOT, progress?.update);
    progress?.end();
    ctx.stdout.write(`${output.text}\n`);
    return output.exitCode;
  },
};
