// `lockstep report` end to end: load and check the inputs, build the data, write the page,
// append to the history when asked.
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { ReportData } from '../../generated/ts/types.js';
import { buildReportData } from './build-report-data.js';
import { renderPage } from './html-page.js';
import { addInput, loadInputs } from './load-inputs.js';
import { readInput } from './read-input.js';
import type { ReportArguments } from './report-arguments.js';
import { appendHistory } from './report-history.js';
import { uiBundle } from './ui-bundle.js';

export interface WrittenReport {
  readonly path: string;
  readonly bytes: number;
  readonly data: ReportData;
  readonly warnings: readonly string[];
}

export async function writeReport(args: ReportArguments, cwd: string): Promise<WrittenReport> {
  const inputs = await loadInputs(args.inputs, cwd);
  const warnings: string[] = [];
  if (args.history !== undefined && existsSync(resolve(cwd, args.history))) {
    const raw = await readInput(args.history, resolve(cwd, args.history), { skipTornTail: true });
    if (raw.records.length > 0) addInput(inputs, raw);
    if (raw.tornTail !== undefined) warnings.push(`${args.history} line ${raw.tornTail}: unterminated and not JSON (a torn append): skipped`);
  }
  const built = await buildReportData(inputs, { cwd, title: args.title, ...(args.label !== undefined ? { label: args.label } : {}) });
  const page = renderPage(built.data, await uiBundle());
  const path = resolve(cwd, args.out);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, page);
  if (args.append && args.history !== undefined) {
    const { cut } = await appendHistory(resolve(cwd, args.history), built.historyLine);
    if (cut !== undefined) warnings.push(`${args.history}: cut an unterminated last line before appending (kept in ${args.history}.torn)`);
  }
  return { path, bytes: Buffer.byteLength(page), data: built.data, warnings: [...warnings, ...built.warnings] };
}
