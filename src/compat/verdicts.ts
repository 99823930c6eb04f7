// The verdict of one contract in one direction, from its findings and its sampling run.
import { breaksIn, type Finding } from './finding.js';
import type { Direction } from './rules.js';
import type { SampleResult } from './sampling.js';

/**
 * identical: byte-identical closure. breaking: an error finding. compatible: no finding and
 * sampling reached every branch with the full count. unproven: no finding, but sampling missed
 * a branch or found too few valid instances. unsampled: no finding, sampling was off. Only
 * documentation changed (descriptions, titles aside from TITLE_CHANGED): compatible unsampled.
 */
export type Verdict = 'identical' | 'compatible' | 'unproven' | 'unsampled' | 'breaking';

/** `docsOnly`: only documentation changed in what the contract reaches, so the same instances validate. */
export function directionVerdict(findings: readonly Finding[], direction: Direction, sample: SampleResult | undefined, wanted: number, docsOnly = false): Verdict {
  if (findings.some((f) => breaksIn(f, direction))) return 'breaking';
  if (docsOnly) return 'compatible';
  if (sample === undefined) return 'unsampled';
  if (sample.refused.length > 0) return 'breaking';
  if (sample.missed.length > 0 || sample.valid < wanted) return 'unproven';
  return 'compatible';
}

const ORDER: Verdict[] = ['identical', 'compatible', 'unsampled', 'unproven', 'breaking'];

/** The worst of several verdicts. */
export function worst(verdicts: readonly Verdict[]): Verdict {
  return verdicts.reduce<Verdict>((acc, v) => (ORDER.indexOf(v) > ORDER.indexOf(acc) ? v : acc), 'identical');
}
