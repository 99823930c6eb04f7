/** The fuzz report's lines about refusals: counts per key, and the required keys never produced. */
import type { RefusalCoverage } from './refusal-coverage.js';
import { requiredRefusals } from './refusal-coverage.js';

export function refusalLines(r: RefusalCoverage): string[] {
  const missed = r.missed();
  const required = requiredRefusals().length;
  const lines = [`refusals: ${required - missed.length}/${required} required kinds produced${missed.length > 0 ? ' (coverage FAILED)' : ''}`];
  for (const m of missed) lines.push(`  never produced: ${m}`);
  for (const [key, n] of Object.entries(r.toJSON())) lines.push(`  ${key}: ${n}`);
  return lines;
}
