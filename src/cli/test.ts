// `lockstep test`: the whole test suite of a checkout, vitest then cargo test, with one closing
// count line over both.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../package-root.js';
import { runRunner } from '../suite/run-suite.js';
import { addTotals, cargoTotals, vitestTotals } from '../suite/test-totals.js';
import { UsageError, type CliCommand } from './command.js';

export const testCommand: CliCommand = {
  name: 'test',
  help: `usage: lockstep test [vitest arguments]

The whole test suite of a lockstep checkout: vitest (tests/), then cargo test (rust-kernel/),
then one closing line "test: N passed, M failed" over both. With arguments (files, folders,
vitest options) only vitest runs, with them: a targeted run. Exit 1 when anything failed or a
runner reported no count.

examples:
  lockstep test
  lockstep test tests/cli`,
  async run(args, ctx) {
    const vitest = join(PACKAGE_ROOT, 'node_modules/.bin/vitest');
    if (!existsSync(vitest) || !existsSync(join(PACKAGE_ROOT, 'tests'))) throw new UsageError('lockstep test runs in a checkout with its dev dependencies installed');
    const v = await runRunner(vitest, ['run', ...args], PACKAGE_ROOT, ctx.stdout, ctx.stderr);
    const totals = [vitestTotals(v.output)];
    let status = v.status;
    if (args.length === 0) {
      const c = await runRunner('cargo', ['test', '--manifest-path', join(PACKAGE_ROOT, 'rust-kernel/Cargo.toml')], PACKAGE_ROOT, ctx.stdout, ctx.stderr);
      totals.push(cargoTotals(c.output));
      status = status || c.status;
    }
    const missing = totals.some((t) => t === undefined);
    const sum = addTotals(...totals.filter((t) => t !== undefined));
    ctx.stdout.write(`\ntest: ${sum.passed} passed, ${sum.failed} failed${missing ? ' (a runner printed no count: see above)' : ''}\n`);
    return status !== 0 || missing || sum.failed > 0 ? 1 : 0;
  },
};
