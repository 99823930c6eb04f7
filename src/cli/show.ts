// `lockstep show`: one fixture as a timeline a person can read.
import { showCommand as showFixture, SHOW_USAGE } from '../harness/show.js';
import type { CliCommand } from './command.js';

export const showCommand: CliCommand = {
  name: 'show',
  help: `${SHOW_USAGE}

Replays one fixture as a timeline: each step, the transitions it caused, the diagnostic and the
slot after. With a second implementation the two are shown side by side, differing steps marked.

examples:
  lockstep show exit-leg-clamped-to-open-size
  lockstep show exit-leg-clamped-to-open-size --rust`,
  async run(args, ctx) {
    const { exitCode, text } = await showFixture(args, ctx.cwd);
    (exitCode === 2 ? ctx.stderr : ctx.stdout).write(`${text}\n`);
    return exitCode;
  },
};
