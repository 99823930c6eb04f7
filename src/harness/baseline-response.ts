import { canonicalize } from '../canonical/index.js';

/**
 * One response another is compared against (a golden `expected` entry or a line
 * of the reference engine), held in the fresh-session frame of its fixture.
 * `around` is the canonical text split at the top-level seq, so the text of the
 * same response relocated to another seq costs one string join, not a
 * re-serialisation.
 */
export interface BaselineResponse {
  readonly value: Record<string, unknown>;
  readonly canonical: string;
  readonly around: readonly [string, string] | undefined;
}

/** A stand-in for the seq that no response can hold (seqs are integers). */
const SEQ_MARK = '\u0001lockstep-seq-mark\u0001';

function splitAtSeq(value: Record<string, unknown>): readonly [string, string] | undefined {
  if (typeof value.seq !== 'number') return undefined;
  const marked = canonicalize({ ...value, seq: SEQ_MARK });
  const needle = `"seq":${canonicalize(SEQ_MARK)}`;
  const at = marked.indexOf(needle);
  if (at < 0 || marked.indexOf(needle, at + 1) >= 0) return undefined;
  return [marked.slice(0, at + '"seq":'.length), marked.slice(at + needle.length)];
}

export function baselineFromValue(value: unknown): BaselineResponse {
  const object = value as Record<string, unknown>;
  return { value: object, canonical: canonicalize(object), around: splitAtSeq(object) };
}

export function baselineFromLine(line: string): BaselineResponse {
  const object = JSON.parse(line) as Record<string, unknown>;
  return { value: object, canonical: line, around: splitAtSeq(object) };
}

/** The exact text the baseline would have with its seq shifted; undefined when unknown. */
export function baselineTextAt(baseline: BaselineResponse, seqOffset: number): string | undefined {
  if (seqOffset === 0) return baseline.canonical;
  if (!baseline.around) return undefined;
  return `${baseline.around[0]}${(baseline.value.seq as number) + seqOffset}${baseline.around[1]}`;
}
