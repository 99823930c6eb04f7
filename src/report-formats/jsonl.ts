// JSON lines: one object per check, then one summary object.
import type { CheckResult } from './check-result.js';

export function toJsonl(tool: string, results: readonly CheckResult[]): string {
  const lines = results.map((r) =>
    JSON.stringify({ type: 'check', tool, suite: r.suite, name: r.name, ok: r.ok, ...(r.message !== undefined ? { message: r.message } : {}), ...(r.file !== undefined ? { file: r.file } : {}), ...(r.line !== undefined ? { line: r.line } : {}), ...(r.detail !== undefined ? { detail: r.detail } : {}), ...r.data }),
  );
  const failed = results.filter((r) => !r.ok).length;
  lines.push(JSON.stringify({ type: 'summary', tool, checks: results.length, passed: results.length - failed, failed }));
  return lines.join('\n');
}
