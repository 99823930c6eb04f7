// What the built package has in place of the commands that need a lockstep checkout (codegen,
// fixtures, test, rust-build, mutants, bench): tsup.config.ts points their imports here, so the published
// bundle carries neither codegen's dependencies nor the fixture stories.
import { UsageError, type CliCommand } from './command.js';

function checkoutOnly(name: string): CliCommand {
  return {
    name,
    help: `usage: lockstep ${name} ...\n\n\`lockstep ${name}\` works in a clone of the lockstep repository (it needs its sources),\nnot from the installed package.\n\nexample:\n  git clone <the repository> && cd lockstep && pnpm install && pnpm lockstep ${name} --help`,
    async run() {
      throw new UsageError(`${name} needs a lockstep checkout (a clone of the repository), not the installed package`);
    },
  };
}

export const codegenCommand = checkoutOnly('codegen');
export const fixturesCommand = checkoutOnly('fixtures');
export const testCommand = checkoutOnly('test');
export const rustBuildCommand = checkoutOnly('rust-build');
export const mutantsCommand = checkoutOnly('mutants');
export const benchCommand = checkoutOnly('bench');
