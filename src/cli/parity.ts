// `lockstep parity`: every fixture through every implementation, compared byte for byte; exits
// non-zero on any divergence, crash, hang, missing implementation or stale golden answer.
import { parityCommand as runParityCommand } from '../harness/parity-command.js';
import { parseParityArguments, PARITY_USAGE } from '../harness/parity-arguments.js';
import { parityProgressLine, showsProgress } from '../harness/parity-progress.js';
import { RUST_NAME } from '../harness/implementation.js';
import { ensureRustKernel } from '../harness/rust-kernel-build.js';
import { IS_CHECKOUT } from '../package-root.js';
import type { CliCommand } from './command.js';

export const parityCommand: CliCommand = {
  name: 'parity',
  help: `${PARITY_USAGE}

Exit 0 when every implementation agreed with the reference on every fixture, 1 on any
divergence, crash, hang, missing implementation or stale golden answer, 2 on a usage mistake
(including a fixtures folder that does not exist and a selector that matches nothing).

examples:
  lockstep parity
  lockstep parity --impl rust --quiet
  lockstep parity --fixture exit-leg-clamped-to-open-size --impl ts-in-process
  lockstep parity --fixture 'exit/*' --tag clamp --impl ts-in-process --format junit
  lockstep parity --fixtures ./my-fixtures --impl "./my-kernel --stdio"`,
  async run(args, ctx) {
    const parsed = parseParityArguments(args);
    // A stale Rust binary would be diffed as if it were the current source: rebuild it first
    // (in a checkout; an installed package has no Rust sources to build).
    if (IS_CHECKOUT && parsed.ok && (parsed.value.impls.length === 0 || parsed.value.impls.includes(RUST_NAME))) {
      try {
        ensureRustKernel((line) => ctx.stderr.write(`${line}\n`));
      } catch (error) {
        ctx.stderr.write(`parity: the Rust kernel could not be built: ${(error as Error).message}\n`);
        return 1;
      }
    }
    const isTty = (stream: unknown): boolean => (stream as { isTTY?: boolean }).isTTY === true;
    const terminal = {
      stdoutIsTty: isTty(ctx.stdout),
      stderrIsTty: isTty(ctx.stderr),
      quiet: parsed.ok && parsed.value.quiet,
      textFormat: parsed.ok && parsed.value.format === 'text',
      ci: ctx.env['CI'] === 'true',
    };
    const progress = showsProgress(terminal) ? parityProgressLine((text) => ctx.stderr.write(text)) : undefined;
    let output;
    try {
      output = await runParityCommand(args, ctx.cwd, progress?.update);
    } finally {
      progress?.end();
    }
    (output.exitCode === 2 ? ctx.stderr : ctx.stdout).write(`${output.text}\n`);
    return output.exitCode;
  },
};
