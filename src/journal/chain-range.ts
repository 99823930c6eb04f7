// Verifies the complete lines in a byte range of a journal against a chain state, moving the
// state past every line that verifies: the loop of a full verify, shared by the sequential scan
// (journal-scan.ts) and each segment of a parallel one (journal-segments.ts).
import { checkChainedLine, type ChainState } from './chained-line.js';
import type { JournalDamage } from './journal-decision.js';
import { forEachLine } from './journal-lines.js';

export interface RangeCheck {
  /** The first line that does not verify (index: the one the state expected there). */
  readonly damage?: JournalDamage;
  /** End of the last verified line (`from` when none verified). */
  readonly validBytes: number;
}

/** `from` and `to` are line boundaries; stops at the first damaged line. */
export function verifyChainRange(fd: number, from: number, to: number, state: ChainState): RangeCheck {
  let damage: JournalDamage | undefined;
  let validBytes = from;
  forEachLine(fd, from, to, (bytes, offset) => {
    const finding =
      bytes === undefined ? { reason: 'line_too_long' as const, message: 'line is longer than the journal line limit' } : checkChainedLine(bytes, state);
    if (finding !== undefined) {
      damage = { index: state.expected, offset, ...finding };
      return false;
    }
    validBytes = offset + bytes!.length + 1;
    return true;
  });
  return damage === undefined ? { validBytes } : { damage, validBytes };
}
