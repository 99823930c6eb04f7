// R14 account-event seq gaps: a seq above the next expected one is applied and the skipped seqs
// are remembered as inclusive ranges, so that a late event filling a gap is applied instead of
// being refused as a duplicate. The ranges are bounded (ACCOUNT_SEQ_GAPS_MAX, the schema's
// maxItems of seq_gaps): an event that would open one range too many is refused, never
// forgetting an older gap silently.
import type { SeqGap } from '../../generated/ts/types.js';

export const ACCOUNT_SEQ_GAPS_MAX = 64;

/** Whether `seq` is one of the missing seqs. */
export function inGap(gaps: readonly SeqGap[] | undefined, seq: number): boolean {
  return gaps !== undefined && gaps.some((g) => g.from <= seq && seq <= g.to);
}

/** Whether applying `seq` after `last` would open a new gap. */
export function opensGap(last: number, seq: number): boolean {
  return seq > last + 1;
}

/** The gaps after an event with `seq` above `last`: the skipped range added at the end. */
export function openGap(gaps: readonly SeqGap[] | undefined, last: number, seq: number): SeqGap[] | undefined {
  if (!opensGap(last, seq)) return gaps === undefined ? undefined : [...gaps];
  return [...(gaps ?? []), { from: last + 1, to: seq - 1 }];
}

/** The gaps after a late event with `seq` inside one of them: that range split around it. */
export function closeGap(gaps: readonly SeqGap[], seq: number): SeqGap[] | undefined {
  const out: SeqGap[] = [];
  for (const g of gaps) {
    if (seq < g.from || seq > g.to) {
      out.push(g);
      continue;
    }
    if (g.from < seq) out.push({ from: g.from, to: seq - 1 });
    if (seq < g.to) out.push({ from: seq + 1, to: g.to });
  }
  return out.length > 0 ? out : undefined;
}

/** Ranges named in the account's explanation; the rest are counted (the text is bounded). */
export const GAPS_NAMED_MAX = 8;

/** `3-4, 7` (`..., and 3 more ranges` past GAPS_NAMED_MAX): the gaps as a person reads them. */
export function gapsText(gaps: readonly SeqGap[]): string {
  const named = gaps.slice(0, GAPS_NAMED_MAX).map((g) => (g.from === g.to ? `${g.from}` : `${g.from}-${g.to}`));
  const rest = gaps.length - named.length;
  return rest > 0 ? `${named.join(', ')}, and ${rest} more ranges` : named.join(', ');
}
