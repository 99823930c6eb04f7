import { canonicalize } from '../canonical/index.js';

/** How a response compares: errors and hellos on named fields, everything else byte for byte. */
export type ResponseKind = 'error' | 'hello' | 'other';

/**
 * One response another is compared against (a golden `expected` entry or a line
 * of the reference engine), held in the fresh-session frame of its fixture.
 * The parsed value and the split of the text at the top-level seq are computed
 * on first use: most comparisons are one string equality.
 */
export interface BaselineResponse {
  readonly canonical: string;
  readonly kind: ResponseKind;
  readonly value: Record<string, unknown>;
  /** The canonical text split at the top-level seq value (before, seq, after); undefined when it has none. */
  readonly around: readonly [string, number, string] | undefined;
}

/** Members that may follow the top-level seq in canonical order are scalars (slot_count, step). */
const AFTER_SEQ = /^"seq":(\d+)((?:,"[a-z_]+":(?:-?[0-9][0-9.e+-]*|true|false|null|"[^"\\]*"))*\})$/;

/**
 * Splits canonical response text at its top-level seq. In canonical text the
 * keys after `seq` are few and scalar; a nested `seq` would be followed by at
 * least two closing brackets, which the pattern refuses.
 */
function splitAtSeq(canonical: string, value: () => Record<string, unknown>): readonly [string, number, string] | undefined {
  const at = canonical.lastIndexOf('"seq":');
  if (at < 0) return undefined;
  const match = AFTER_SEQ.exec(canonical.slice(at));
  if (match) return [canonical.slice(0, at + '"seq":'.length), Number(match[1]), match[2]!];
  return scanTopLevelSeq(canonical) ?? splitByMarker(value());
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * Finds the top-level `"seq":<integer>` by one scan of the text, skipping strings and counting
 * nesting: in JSON a string followed by `:` is a key, so `"seq":` at depth 1 is the one sought.
 * Far cheaper than parsing and re-serialising (the answers with a nested object after seq,
 * snapshots and restores, are the longest ones). Undefined when the seq is not a plain integer.
 */
export function scanTopLevelSeq(text: string): readonly [string, number, string] | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const start = i;
      for (i += 1; i < text.length && text.charCodeAt(i) !== QUOTE; i += text.charCodeAt(i) === BACKSLASH ? 2 : 1);
      if (depth === 1 && i - start === 4 && text.startsWith('seq":', start + 1)) {
        const digits = /^\d+(?![.eE\d])/.exec(text.slice(i + 2, i + 2 + 24));
        if (digits === null) return undefined;
        const from = i + 2;
        return [text.slice(0, from), Number(digits[0]), text.slice(from + digits[0].length)];
      }
    } else if (c === 0x7b || c === 0x5b) depth += 1;
    else if (c === 0x7d || c === 0x5d) depth -= 1;
  }
  return undefined;
}

/** A stand-in for the seq that no response can hold (seqs are integers). */
const SEQ_MARK = '\u0001lockstep-seq-mark\u0001';

/** The general way: re-serialise with a marker in place of the seq, and split there. */
function splitByMarker(value: Record<string, unknown>): readonly [string, number, string] | undefined {
  if (typeof value.seq !== 'number') return undefined;
  const marked = canonicalize({ ...value, seq: SEQ_MARK });
  const needle = `"seq":${canonicalize(SEQ_MARK)}`;
  const at = marked.indexOf(needle);
  if (at < 0 || marked.indexOf(needle, at + 1) >= 0) return undefined;
  return [marked.slice(0, at + '"seq":'.length), value.seq, marked.slice(at + needle.length)];
}

function kindOfText(canonical: string): ResponseKind {
  if (canonical.startsWith('{"error":')) return 'error';
  if (canonical.startsWith('{"capabilities":')) return 'hello';
  return 'other';
}

/** Built from a line (its text) or from a value (serialised on first use: most golden answers are never needed once the reference answered). */
class Baseline implements BaselineResponse {
  private text: string | undefined;
  private parsed: Record<string, unknown> | undefined;
  private split: readonly [string, number, string] | undefined | null = null;
  /** Where the top-level seq sits, when known beforehand (kept texts); split on first use. */
  private readonly seqSpan: readonly [number, number] | undefined;
  readonly kind: ResponseKind;

  constructor(canonical: string | undefined, value: Record<string, unknown> | undefined, seqSpan?: readonly [number, number]) {
    this.text = canonical;
    this.parsed = value;
    this.kind = value ? (value.op === 'error' ? 'error' : value.op === 'hello' ? 'hello' : 'other') : kindOfText(canonical!);
    this.seqSpan = canonical !== undefined ? seqSpan : undefined;
  }

  get canonical(): string {
    this.text ??= canonicalize(this.parsed);
    return this.text;
  }

  get value(): Record<string, unknown> {
    this.parsed ??= JSON.parse(this.canonical) as Record<string, unknown>;
    return this.parsed;
  }

  get around(): readonly [string, number, string] | undefined {
    if (this.split === null) this.split = this.seqSpan ? splitAtSpan(this.canonical, this.seqSpan) : splitAtSeq(this.canonical, () => this.value);
    return this.split;
  }
}

function splitAtSpan(text: string, [start, end]: readonly [number, number]): readonly [string, number, string] | undefined {
  return start < 0 ? undefined : [text.slice(0, start), Number(text.slice(start, end)), text.slice(end)];
}

export function baselineFromValue(value: unknown): BaselineResponse {
  return new Baseline(undefined, value as Record<string, unknown>);
}

/**
 * A golden answer whose canonical text was kept (fixture-texts.ts): `text` is canonicalize(value)
 * and its top-level seq spans [seqStart, seqEnd) (-1 when it has none), so nothing is serialised.
 */
export function baselineFromText(value: unknown, text: string, seqStart: number, seqEnd: number): BaselineResponse {
  return new Baseline(text, value as Record<string, unknown>, [seqStart, seqEnd]);
}

/**
 * A baseline from a canonical response line (the reference engine's). `seqSpan` is where its
 * top-level seq sits when already known (the same text kept as a golden answer's).
 */
export function baselineFromLine(line: string, seqSpan?: readonly [number, number]): BaselineResponse {
  return new Baseline(line, undefined, seqSpan);
}

/**
 * Whether `line` is exactly the baseline's text with its seq shifted by `seqOffset`; undefined
 * when that text is unknown (no top-level integer seq). Compares the parts in place: no text
 * the size of the answer is built per answer.
 */
export function matchesTextAt(baseline: BaselineResponse, line: string, seqOffset: number): boolean | undefined {
  if (seqOffset === 0) return line === baseline.canonical;
  const around = baseline.around;
  if (!around) return undefined;
  const [before, seq, after] = around;
  const shifted = String(seq + seqOffset);
  // Equality of slices (views of the line) runs as a block compare; startsWith and endsWith
  // compare character by character here and took several times longer (measured on the corpus).
  const seqEnd = before.length + shifted.length;
  return (
    line.length === seqEnd + after.length &&
    line.slice(0, before.length) === before &&
    line.slice(seqEnd) === after &&
    line.slice(before.length, seqEnd) === shifted
  );
}

/** The exact text the baseline would have with its seq shifted; undefined when unknown. */
export function baselineTextAt(baseline: BaselineResponse, seqOffset: number): string | undefined {
  if (seqOffset === 0) return baseline.canonical;
  const around = baseline.around;
  if (!around) return undefined;
  return `${around[0]}${around[1] + seqOffset}${around[2]}`;
}
