// A parity run as CheckResults (src/report-formats): one per fixture per implementation, failed
// unless it passed or is a listed known divergence.
import type { CheckResult } from '../report-formats/index.js';
import { formatCase, rerunCommand } from './parity-report.js';
import type { ParityResult } from './parity-run.js';

const OK_STATUSES = new Set(['passed', 'known']);

export function parityChecks(result: Extract<ParityResult, { kind: 'ran' }>): CheckResult[] {
  const checks: CheckResult[] = result.cases.map((c) => {
    const fixture = c.fixture.loaded.fixture;
    const ok = OK_STATUSES.has(c.status);
    const v = c.verdict;
    const where = v.status === 'diverged' ? ` at step ${v.step}${v.difference.pointer ? `, path ${v.difference.pointer}` : ''}` : v.status === 'errored' ? ` (${v.kind}) at step ${v.step}` : '';
    return {
      suite: c.implementation,
      name: fixture.name,
      ok,
      file: c.fixture.loaded.file,
      data: { id: fixture.id, status: c.status, steps: c.steps },
      ...(ok ? {} : { message: `${c.status}${where}`, detail: `${formatCase(c)}\nre-run: ${rerunCommand(fixture.name, c.implementation)}` }),
    };
  });
  // An implementation that could not run at all is a failure even with no fixture case.
  for (const s of result.summaries) {
    for (const problem of s.problems) checks.push({ suite: s.implementation, name: 'implementation', ok: false, message: problem });
  }
  return checks;
}
