// Text cut by code points, never inside one: the one helper every message and every quoted
// value goes through (its Rust twin is rust-kernel/src/cut_text.rs). Cutting by UTF-16
// units could split a surrogate pair, and canonical JSON refuses the half character.
import { TRUNCATION_MARK } from '../../generated/ts/protocol-edge.js';

/** ES2024 `String.prototype.toWellFormed` (native since Node 20): lone surrogates become U+FFFD. */
function wellFormed(text: string): string {
  return (text as unknown as { toWellFormed(): string }).toWellFormed();
}

/**
 * `text` with every lone surrogate replaced by U+FFFD, cut to at most `max` code points: a
 * longer text keeps its first `max - TRUNCATION_MARK.length` code points and ends with the mark.
 */
export function cutText(text: string, max: number): string {
  const whole = wellFormed(text);
  // Fast path: no text of at most `max` UTF-16 units has more than `max` code points.
  if (whole.length <= max) return whole;
  let count = 0;
  let keepEnd = 0;
  const keep = Math.max(0, max - TRUNCATION_MARK.length);
  for (let i = 0; i < whole.length; count++) {
    if (count === keep) keepEnd = i;
    const unit = whole.charCodeAt(i);
    i += unit >= 0xd800 && unit <= 0xdbff ? 2 : 1;
  }
  if (count <= max) return whole;
  return whole.slice(0, keepEnd) + TRUNCATION_MARK;
}
