// `lockstep bench`: the benchmark sections of scripts/bench/ (a checkout only: they time the
// sources, the Rust build and the fixtures of the repository).
import { BenchUsageError, runBench } from '../../scripts/bench.js';
import { UsageError, type CliCommand } from './command.js';

export const benchCommand: CliCommand = {
  name: 'bench',
  help: `usage: lockstep bench [--quick] [--only SECTION,...]

Runs the benchmark sections (canonical, contracts, kernel, parity, fuzz, rust, journal, report,
compat), prints each section's figures and the ratios between the implementations measured in
the same run, and writes reports/bench.json. Exit 1 when a section failed.

  --quick   shorter windows and smaller inputs (figures are noisier)
  --only    only these sections, comma-separated

examples:
  lockstep bench --quick --only fuzz,parity
  lockstep bench --only journal`,
  async run(args, ctx) {
    try {
      return await runBench(args, (text) => ctx.stdout.write(text));
    } catch (error) {
      if (error instanceof BenchUsageError) throw new UsageError(error.message);
      throw error;
    }
  },
};
