// The decision table of opening a journal (docs/journal.md, "Crash safety"): every journal is
// exactly one of these cases, decided identically by the Rust twin (journal_decision.rs).

/** The named cases. */
export type JournalCase =
  /** No bytes at all: a new journal starts here. */
  | 'empty'
  /** Every line complete and verified; not sealed: appends continue it. */
  | 'clean'
  /** Every line complete and verified, the last is a seal: nothing may be appended. */
  | 'sealed'
  /** Verified up to an unterminated last line (a crash mid-append, zeros, a partial write). */
  | 'torn_tail'
  /** A complete line before the tail does not verify: a hard error, never repaired. */
  | 'damaged';

/** Why a complete line does not verify. */
export type DamageReason =
  | 'bad_header'
  | 'malformed'
  | 'line_too_long'
  | 'bad_checksum'
  | 'not_canonical'
  | 'bad_index'
  | 'broken_link'
  | 'unknown_kind'
  | 'missing_checkpoint'
  | 'unexpected_checkpoint'
  | 'bad_tree'
  | 'after_seal';

export interface JournalDamage {
  /** Index the damaged line should have (its position: the header is 0). */
  readonly index: number;
  /** Byte offset of the damaged line's first byte. */
  readonly offset: number;
  readonly reason: DamageReason;
  /** One sentence on what was found. */
  readonly message: string;
}

export interface JournalDecision {
  readonly case: JournalCase;
  /** Chained records verified (the header not counted). */
  readonly records: number;
  /** Checksum of the last verified chained record (the zero checksum when none). */
  readonly head: string;
  /** Bytes up to the end of the last verified line. */
  readonly valid_bytes: number;
  /** Unterminated bytes after the last complete line. */
  readonly torn_bytes: number;
  readonly sealed: boolean;
  readonly damage?: JournalDamage;
}

/** The decision as one line for a person: case, then where and why. */
export function describeDecision(file: string, d: JournalDecision): string {
  switch (d.case) {
    case 'empty':
      return `${file}: empty`;
    case 'clean':
    case 'sealed':
      return `${file}: ${d.case}, ${d.records} records, head ${d.head}`;
    case 'torn_tail':
      return `${file}: torn tail of ${d.torn_bytes} bytes at byte ${d.valid_bytes} after ${d.records} verified records (opening for append cuts it aside)`;
    case 'damaged': {
      const x = d.damage as JournalDamage;
      return `${file}: damaged at record ${x.index} (byte ${x.offset}): ${x.reason}: ${x.message}`;
    }
  }
}

/** The fields both verifiers must agree on (messages are for people and may differ). */
export function decisionKey(d: JournalDecision): string {
  const damage = d.damage === undefined ? '' : ` ${d.damage.index} ${d.damage.offset} ${d.damage.reason}`;
  return `${d.case} ${d.records} ${d.head} ${d.valid_bytes} ${d.torn_bytes} ${d.sealed}${damage}`;
}
