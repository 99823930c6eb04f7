// `lockstep rust-build`: builds the Rust kernel when it is missing or stale (a checkout only).
import { ensureRustKernel } from '../harness/rust-kernel-build.js';
import { UsageError, type CliCommand } from './command.js';

export const rustBuildCommand: CliCommand = {
  name: 'rust-build',
  help: `usage: lockstep rust-build

Runs \`cargo build --release\` in rust-kernel/ when the kernel binary is missing or older than
any of its sources (rust-kernel/src, rust-kernel/Cargo.*, generated/rust), then prints the
binary's path. Exit 1 when the build fails.

example:
  lockstep rust-build`,
  async run(args, ctx) {
    if (args.length > 0) throw new UsageError(`unexpected argument '${args[0]}'`);
    try {
      ctx.stdout.write(`${ensureRustKernel((line) => ctx.stderr.write(`${line}\n`))}\n`);
      return 0;
    } catch (error) {
      ctx.stderr.write(`${(error as Error).message}\n`);
      return 1;
    }
  },
};
