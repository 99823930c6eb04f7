// The readable table: one line per finding, then the verdict per baseline.
import type { CompatReport } from './report.js';

export function formatTable(report: CompatReport): string {
  const lines: string[] = [];
  for (const c of report.comparisons) {
    lines.push(`against ${c.baseline} (mode ${report.mode}): ${c.verdict}`);
    const shown = c.findings.filter((f) => f.severity !== 'info');
    const width = Math.max(4, ...shown.map((f) => f.rule.length));
    for (const f of shown) {
      const mark = f.breaking ? 'BREAK' : f.acknowledged !== undefined ? 'ACKED' : f.severity === 'warning' ? 'WARN ' : 'ok   ';
      lines.push(`  ${mark} ${f.rule.padEnd(width)} ${f.directions.join('+') || '-'} [${f.categories.join(',')}] ${f.message}`);
      if (f.witness !== undefined) lines.push(`        witness (${f.witness.source}): ${f.witness.instance_json.slice(0, 200)}`);
    }
    const counts = new Map<string, number>();
    for (const v of c.contracts) for (const x of [v.backward, v.forward]) counts.set(x, (counts.get(x) ?? 0) + 1);
    lines.push(`  contracts x directions: ${[...counts].map(([k, n]) => `${n} ${k}`).join(', ') || 'none'}; ${c.findings.length - shown.length} info finding(s) not shown`);
  }
  for (const ack of report.stale_acks) lines.push(`stale ack: ${ack.rule} ${ack.schema}#${ack.pointer} matches no finding (remove it)`);
  lines.push(`verdict: ${report.verdict}`);
  return lines.join('\n');
}

/** A changelog section listing the findings of a release (breaking first). */
export function formatChangelog(report: CompatReport, version: string): string {
  const lines = [`### Contract changes in ${version}`, ''];
  const findings = report.comparisons.flatMap((c) => c.findings).filter((f) => f.severity !== 'info' || f.rule.endsWith('_ADDED'));
  if (findings.length === 0) lines.push('- none');
  for (const f of [...findings].sort((a, b) => Number(b.breaking || b.acknowledged !== undefined) - Number(a.breaking || a.acknowledged !== undefined))) {
    const tag = f.breaking || f.acknowledged !== undefined ? '**breaking** ' : '';
    lines.push(`- ${tag}\`${f.rule}\` ${f.message}${f.acknowledged !== undefined ? ` (accepted: ${f.acknowledged})` : ''}`);
  }
  return `${lines.join('\n')}\n`;
}
