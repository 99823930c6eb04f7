// `lockstep fixtures author|fill`: write the authored corpus, fill its golden answers (a checkout
// only: the stories live in scripts/fixtures/).
import { authorCorpus } from '../../scripts/fixtures/author-corpus.js';
import { fillGoldens, FILL_USAGE } from '../../scripts/fixtures/fill-goldens.js';
import { UsageError, type CliCommand, type CliContext } from './command.js';

const HELP = `usage: lockstep fixtures author [--check]
       lockstep fixtures fill [--check] [--fixture <name>]... [--dir <path>]... [--max-lines <n>] [--target <impl>] [--accept <reason>]

author  writes the authored fixtures of scripts/fixtures/catalogue.ts into
        fixtures/corpus/<topic>/<name>.json, keeping goldens whose input did not change;
        --check writes nothing and exits 1 when a file would change.
fill    runs every fixture through the TypeScript reference engine and fills its golden
        answers, printing what changed (fixture, step, JSON pointer, old -> new). A new
        golden is written only when the target kernel (Rust by default) reproduces it, or
        when it is accepted with --accept "<reason>" (recorded as a known divergence).

${FILL_USAGE.replace(/^usage: .*\n/, '')}

examples:
  lockstep fixtures author --check
  lockstep fixtures fill --check
  lockstep fixtures fill --fixture exit-leg-clamped-to-open-size`;

function io(ctx: CliContext) {
  return { out: (line: string) => ctx.stdout.write(`${line}\n`), err: (line: string) => ctx.stderr.write(`${line}\n`) };
}

export const fixturesCommand: CliCommand = {
  name: 'fixtures',
  help: HELP,
  async run(args, ctx) {
    const [sub, ...rest] = args;
    if (sub === 'author') {
      const unknown = rest.find((a) => a !== '--check' && a !== '--');
      if (unknown !== undefined) throw new UsageError(`unknown argument ${unknown}`);
      return authorCorpus(rest.includes('--check'), ctx.cwd, io(ctx));
    }
    if (sub === 'fill') return fillGoldens(rest, ctx.cwd, io(ctx));
    throw new UsageError(sub === undefined ? 'name a subcommand: author or fill' : `unknown subcommand '${sub}' (author or fill)`);
  },
};
