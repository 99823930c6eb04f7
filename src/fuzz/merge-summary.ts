/**
 * A merged fuzz report for people: plain text for a terminal, and markdown for a CI job
 * summary (GitHub's `$GITHUB_STEP_SUMMARY`). Both list the same facts in the same order.
 */
import type { MergedReport } from './shard-merge.js';

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function mergedSummaryLines(r: MergedReport): string[] {
  const t = r.totals;
  const lines = [
    `fuzz merge: ${r.shards.length} shard(s) complete, ${r.partial.length} partial, ${r.missing.length} missing; ${t.runs} scenarios, ${t.steps} steps (+${t.corpus_replayed} corpus, +${t.regressions_replayed} regression replays); slowest shard ${(t.elapsed_ms_max / 1000).toFixed(1)} s`,
    `signatures: ${r.signatures.filter((s) => s.status === 'new').length} new, ${r.signatures.filter((s) => s.status === 'known').length} known, ${r.fixed.length} fixed; ${t.failures} failing scenario(s)`,
  ];
  if (r.canary.planted > 0 || r.signatures.some((s) => s.status === 'canary')) {
    lines.push(`canary: ${r.canary.detected}/${r.canary.planted} planted divergences detected${r.canary.undetected_seeds.length > 0 ? `; UNDETECTED seeds ${r.canary.undetected_seeds.join(', ')}` : ''}`);
  }
  for (const p of r.partial) lines.push(`PARTIAL ${p.task}: no footer (${p.failures_seen} failure line(s) not counted)`);
  for (const m of r.missing) lines.push(`MISSING ${m}`);
  for (const p of r.problems) lines.push(`PROBLEM ${p}`);
  for (const s of r.signatures) {
    lines.push(`${s.status.toUpperCase()} x${s.count}: ${s.signature}${s.regressions.length > 0 ? ` (regression: ${s.regressions.join(', ')})` : ''}`);
    for (const e of s.exemplars) lines.push(`  ${e.source === 'generated' ? `seed ${e.seed}` : e.source}, ${e.steps} steps, first at step ${e.step} [${e.shard}]: ${e.summary}`);
  }
  for (const f of r.fixed) lines.push(`FIXED ${f.signature} (regression: ${f.regressions.join(', ')})`);
  return lines;
}

export function mergedSummaryMarkdown(r: MergedReport): string {
  const [head, sigs, ...rest] = mergedSummaryLines(r);
  const out = ['## Fuzz parity', '', `${head}`, '', `${sigs}`, ''];
  const notes = rest.filter((l) => /^(canary|PARTIAL|MISSING|PROBLEM)/.test(l));
  for (const n of notes) out.push(`- ${n}`);
  if (r.signatures.length > 0 || r.fixed.length > 0) {
    out.push('', '| status | count | signature | smallest exemplar |', '| --- | ---: | --- | --- |');
    for (const s of r.signatures) {
      const e = s.exemplars[0];
      const exemplar = e === undefined ? '' : `${e.source === 'generated' ? `seed ${e.seed}` : e.source}, ${e.steps} steps`;
      out.push(`| ${s.status} | ${s.count} | \`${cell(s.signature)}\` | ${cell(exemplar)} |`);
    }
    for (const f of r.fixed) out.push(`| fixed | 0 | \`${cell(f.signature)}\` | ${cell(f.regressions.join(', '))} |`);
  }
  return `${out.join('\n')}\n`;
}
