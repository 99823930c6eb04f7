// Where `lockstep fuzz` keeps its JSON reports on disk: shard reports in, a merged report out.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { UsageError } from '../cli/command.js';
import { dirname, join } from 'node:path';
import type { FuzzReport } from './fuzz-report.js';

/** The named reports, or every reports/fuzz-shard-I-of-N.json under `root` when none is named. */
export function readShardReports(files: readonly string[], root: string): FuzzReport[] {
  const dir = join(root, 'reports');
  const found = files.length > 0 || !existsSync(dir) ? [] : readdirSync(dir).filter((f) => /^fuzz-shard-\d+-of-\d+\.json$/.test(f)).sort().map((f) => join(dir, f));
  const paths = files.length > 0 ? files : found;
  if (paths.length === 0) throw new UsageError(`--merge: no shard reports named and none in ${dir} (fuzz-shard-I-of-N.json)`);
  return paths.map((p) => {
    let text: string;
    try {
      text = readFileSync(p, 'utf8');
    } catch (error) {
      throw new UsageError(`--merge: cannot read ${p}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
    }
    try {
      return JSON.parse(text) as FuzzReport;
    } catch (error) {
      throw new UsageError(`--merge: ${p} is not a JSON fuzz report: ${(error as Error).message}`);
    }
  });
}

export function writeReport(path: string, report: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(report, null, 2)}\n`);
}
