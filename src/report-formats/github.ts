// GitHub Actions workflow commands: one `::error` annotation per failure, shown on the file and
// line in the pull request; passing checks print nothing.
import type { CheckResult } from './check-result.js';

/** Escapes a message (data) of a workflow command. */
export const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
/** Escapes a property value (file=, title=) of a workflow command. */
export const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export function toGithub(tool: string, results: readonly CheckResult[]): string {
  const lines: string[] = [];
  for (const r of results) {
    if (r.ok) continue;
    const props = [`title=${escapeProperty(`${tool} ${r.suite}: ${r.name}`)}`];
    if (r.file !== undefined) props.unshift(`file=${escapeProperty(r.file)}`);
    if (r.file !== undefined && r.line !== undefined) props.splice(1, 0, `line=${r.line}`);
    const message = [r.message ?? 'failed', r.detail].filter((x) => x !== undefined && x !== '').join('\n');
    lines.push(`::error ${props.join(',')}::${escapeData(message)}`);
  }
  const failed = lines.length;
  lines.push(`${tool}: ${results.length - failed} passed, ${failed} failed`);
  return lines.join('\n');
}
