// A fuzz report as CheckResults (src/report-formats): one per failure (with its shrunk regression
// file and repro), and one passing check per implementation that had none.
import type { CheckResult } from '../report-formats/index.js';
import type { FuzzReport } from './fuzz-report.js';

export function fuzzChecks(report: FuzzReport): CheckResult[] {
  const checks: CheckResult[] = report.failures.map((f) => ({
    suite: f.implementation,
    name: `seed ${f.seed} (${f.level})`,
    ok: false,
    message: `${f.kind}: ${f.summary}`,
    detail: `repro: ${f.repro}${f.regression !== undefined ? `\nregression: ${f.regression}` : ''}`,
    ...(f.regression !== undefined ? { file: f.regression } : {}),
    data: { seed: f.seed, level: f.level, kind: f.kind, repro: f.repro },
  }));
  for (const implementation of report.implementations) {
    if (report.failures.some((f) => f.implementation === implementation)) continue;
    checks.push({
      suite: implementation,
      name: `seed ${report.seed} (${report.level}): ${report.scenarios} scenarios, ${report.steps} steps`,
      ok: true,
      timeMs: report.elapsed_ms,
    });
  }
  return checks;
}
