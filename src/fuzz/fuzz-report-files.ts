// Where `lockstep fuzz` keeps its JSON reports on disk: shard reports in, a merged report out.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { FuzzReport } from './fuzz-report.js';

/** The named reports, or every reports/fuzz-shard-I-of-N.json under `root` when none is named. */
export function readShardReports(files: readonly string[], root: string): FuzzReport[] {
  const dir = join(root, 'reports');
  const paths = files.length > 0 ? files : readdirSync(dir).filter((f) => /^fuzz-shard-\d+-of-\d+\.json$/.test(f)).sort().map((f) => join(dir, f));
  return paths.map((p) => JSON.parse(readFileSync(p, 'utf8')) as FuzzReport);
}

export function writeReport(path: string, report: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(report, null, 2)}\n`);
}
