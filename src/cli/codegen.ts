// `lockstep codegen`: schemas/ -> generated/ (a checkout only; the logic is in codegen/).
import { runCodegen } from '../../codegen/run.js';
import type { CliCommand } from './command.js';

export const codegenCommand: CliCommand = {
  name: 'codegen',
  help: `usage: lockstep codegen [--check] [--root <dir>]

Turns schemas/ into generated/ (TypeScript types and validators, Rust types, tables, docs).
--check regenerates in memory and exits 1 naming every stale, missing or extra file under
generated/; exit 2 means a schema or data table was refused (file, JSON pointer and rule named).
--root runs against another checkout.

examples:
  lockstep codegen
  lockstep codegen --check`,
  async run(args, ctx) {
    return runCodegen(args, ctx.cwd, { out: (line) => ctx.stdout.write(`${line}\n`), err: (line) => ctx.stderr.write(`${line}\n`) });
  },
};
