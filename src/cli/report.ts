// `lockstep report`: parity, fuzz, journal-compare and compat results as one HTML page.
import { parseReportArguments } from '../report/report-arguments.js';
import { ReportInputError } from '../report/report-input-error.js';
import { writeReport } from '../report/write-report.js';
import type { CliCommand } from './command.js';

const HELP = `usage: lockstep report [INPUT...] [-o FILE] [--history FILE [--append] [--label TEXT]]
                      [--title TEXT] [--fail-on-red]

Renders one self-contained HTML page (no network, opens from disk): the gates with the command
that reproduces each red item, the slot and order matrices as heatmaps per implementation,
divergences grouped by signature with both answers side by side, timelines of every fixture,
and trends across runs. Each input's kind is told from its content and checked against its
schema (schemas/inputs/); a malformed one is named with its line and JSON pointer.

inputs:
  parity report      JSON lines from pnpm parity --report FILE
  fuzz report        JSON from pnpm fuzz --report FILE, --merge, or shard files (merged here)
  compat report      JSON from lockstep compat --format json
  journal compare    JSON from lockstep journal compare --json
  history            JSON lines, one summary per earlier run (schemas/report_history.schema.json)

options:
  -o, --out FILE     where to write the page (default reports/report.html)
  --history FILE     earlier runs for the trends; a missing file is an empty history
  --append           append this run's summary line to the --history file
  --label TEXT       this run's name in the history (default run-N)
  --title TEXT       the page title (default "lockstep report")
  --fail-on-red      exit 1 when a gate fails (the page is written either way)

examples:
  lockstep report reports/parity.jsonl reports/fuzz.json -o reports/report.html
  lockstep report reports/parity.jsonl --history reports/history.jsonl --append --label nightly-42`;

export const reportCommand: CliCommand = {
  name: 'report',
  help: HELP,
  async run(args, ctx) {
    const options = parseReportArguments(args);
    try {
      const written = await writeReport(options, ctx.cwd);
      for (const w of written.warnings) ctx.stderr.write(`report: warning: ${w}\n`);
      const failing = written.data.gates.filter((g) => g.status === 'fail');
      ctx.stdout.write(`report: ${written.path} (${Math.round(written.bytes / 1024)} KB); gates: ${written.data.gates.map((g) => `${g.gate} ${g.subject} ${g.status}`).join(', ')}\n`);
      return options.failOnRed && failing.length > 0 ? 1 : 0;
    } catch (error) {
      if (!(error instanceof ReportInputError)) throw error;
      ctx.stderr.write(`report: ${error.message}\n`);
      return 1;
    }
  },
};
