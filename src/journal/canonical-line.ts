// Whether a journal line is exactly canonical JSON (RFC 8785, as src/canonical writes it), decided
// in one pass over its bytes without building the value: no whitespace, keys in strictly
// increasing UTF-16 order, strings with only the escapes canonical JSON writes and valid UTF-8,
// numbers in ECMAScript form within the safe range. The checksum proves the bytes are the ones
// that were hashed, not that they are canonical (a writer can hash any bytes), so the full verify
// runs this on every record. It equals `canonicalize(JSON.parse(line)) === line` for every
// line (tests/journal/canonical-line.test.ts checks both on the same cases) at a fraction of its
// cost. The Rust twin is canonical_line.rs.
import { isUtf8 } from 'node:buffer';
import { SAFE_INTEGER_MAX } from '../protocol/limits.js';

const OBJECT = 1;
const ARRAY = 2;
/** ECMAScript prints integers from here on in exponent form. */
const EXPONENT_FORM_FROM = 1e21;
/** Integers of at most this many digits print as themselves (below 2^53, no exponent). */
const PLAIN_DIGITS_MAX = 15;

const isDigit = (c: number | undefined): boolean => c !== undefined && c >= 0x30 && c <= 0x39;
const isLowerHex = (c: number | undefined): boolean => c !== undefined && ((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66));

/** Whether byte `c` after a backslash is a short escape canonical JSON writes: " \ b f n r t. */
function isShortEscape(c: number | undefined): boolean {
  return c === 0x22 || c === 0x5c || c === 0x62 || c === 0x66 || c === 0x6e || c === 0x72 || c === 0x74;
}

/** Whether a string of the line being checked held a byte above ASCII: its UTF-8 is then validated once, natively. */
let sawHigh = false;

/** End (after the closing quote) of the canonical string starting at `at`, or -1. */
function stringEnd(b: Uint8Array, at: number): number {
  for (let i = at + 1; i < b.length; ) {
    const c = b[i]!;
    if (c === 0x22) return i + 1;
    if (c < 0x20) return -1;
    if (c === 0x5c) {
      const e = b[i + 1];
      if (isShortEscape(e)) i += 2;
      else if (e === 0x75 && b[i + 2] === 0x30 && b[i + 3] === 0x30 && isLowerHex(b[i + 4]) && isLowerHex(b[i + 5])) {
        // Only control characters without a short escape are written as \u00xx.
        const unit = parseInt(String.fromCharCode(b[i + 4]!, b[i + 5]!), 16);
        if (unit >= 0x20 || unit === 0x08 || unit === 0x09 || unit === 0x0a || unit === 0x0c || unit === 0x0d) return -1;
        i += 6;
      } else return -1;
    } else {
      if (c >= 0x80) sawHigh = true;
      i += 1;
    }
  }
  return -1;
}

/** End of the canonical number starting at `at`, or -1. */
function numberEnd(b: Uint8Array, at: number): number {
  let i = at;
  if (b[i] === 0x2d) i += 1;
  const intFrom = i;
  if (b[i] === 0x30) i += 1;
  else if (isDigit(b[i])) while (isDigit(b[i])) i += 1;
  else return -1;
  const intDigits = i - intFrom;
  let plain = true;
  if (b[i] === 0x2e) {
    plain = false;
    i += 1;
    if (!isDigit(b[i])) return -1;
    while (isDigit(b[i])) i += 1;
  }
  if (b[i] === 0x65 || b[i] === 0x45) {
    plain = false;
    i += 1;
    if (b[i] === 0x2b || b[i] === 0x2d) i += 1;
    if (!isDigit(b[i])) return -1;
    while (isDigit(b[i])) i += 1;
  }
  // A short integer is its own ECMAScript text; "-0" is not (it prints as 0).
  const negativeZero = b[at] === 0x2d && b[intFrom] === 0x30 && intDigits === 1;
  if (plain && intDigits <= PLAIN_DIGITS_MAX && !negativeZero) return i;
  const text = Buffer.from(b.buffer, b.byteOffset + at, i - at).toString('latin1');
  const n = Number(text);
  const unsafe = Math.abs(n) > SAFE_INTEGER_MAX && Math.abs(n) < EXPONENT_FORM_FROM;
  return Number.isFinite(n) && !unsafe && String(n) === text ? i : -1;
}

/** End of the literal `word` at `at`, or -1. */
function literalEnd(b: Uint8Array, at: number, word: readonly number[]): number {
  for (let k = 0; k < word.length; k += 1) if (b[at + k] !== word[k]) return -1;
  return at + word.length;
}
const TRUE = [...'true'].map((c) => c.charCodeAt(0));
const FALSE = [...'false'].map((c) => c.charCodeAt(0));
const NULL = [...'null'].map((c) => c.charCodeAt(0));

/** Whether the key b[from, to) (quoted) sorts strictly after the key b[pFrom, pTo) in UTF-16 order. */
function keyAfter(b: Uint8Array, pFrom: number, pTo: number, from: number, to: number): boolean {
  let simple = true;
  for (let i = pFrom; i < pTo && simple; i += 1) simple = b[i] !== 0x5c && b[i]! < 0x80;
  for (let i = from; i < to && simple; i += 1) simple = b[i] !== 0x5c && b[i]! < 0x80;
  if (!simple) {
    // Escapes or non-ASCII: compare the decoded strings (JS compares UTF-16 code units).
    const text = (x: number, y: number): string => JSON.parse(Buffer.from(b.buffer, b.byteOffset + x, y - x).toString('utf8')) as string;
    return text(pFrom, pTo) < text(from, to);
  }
  const n = Math.min(pTo - pFrom, to - from);
  for (let k = 0; k < n; k += 1) if (b[pFrom + k] !== b[from + k]) return b[pFrom + k]! < b[from + k]!;
  return pTo - pFrom < to - from;
}

/** The value of one container frame: its kind and, for an object, its last key's bytes. */
interface Frame {
  readonly kind: number;
  keyFrom: number;
  keyTo: number;
}

/** After `"key":` at `at` in `frame`: the value's start, or -1 (bad key, order, or colon). */
function keyEnd(b: Uint8Array, at: number, frame: Frame): number {
  if (b[at] !== 0x22) return -1;
  const end = stringEnd(b, at);
  if (end < 0 || b[end] !== 0x3a) return -1;
  if (frame.keyFrom >= 0 && !keyAfter(b, frame.keyFrom, frame.keyTo, at, end)) return -1;
  frame.keyFrom = at;
  frame.keyTo = end;
  return end + 1;
}

/** One scalar value at `at`: its end, or -1 (containers are opened by the caller). */
function scalarEnd(b: Uint8Array, at: number): number {
  const c = b[at];
  if (c === 0x22) return stringEnd(b, at);
  if (c === 0x74) return literalEnd(b, at, TRUE);
  if (c === 0x66) return literalEnd(b, at, FALSE);
  if (c === 0x6e) return literalEnd(b, at, NULL);
  if (c === 0x2d || isDigit(c)) return numberEnd(b, at);
  return -1;
}

/** Whether `b` (one line without `\n`) is exactly the canonical JSON of an object. */
export function isCanonicalLine(b: Uint8Array): boolean {
  if (b[0] !== 0x7b) return false;
  sawHigh = false;
  const stack: Frame[] = [];
  let at = 0;
  for (;;) {
    // A value starts at `at`: open a container, or pass a scalar.
    const c = b[at];
    if (c === 0x7b || c === 0x5b) {
      const close = c === 0x7b ? 0x7d : 0x5d;
      at += 1;
      if (b[at] !== close) {
        const frame: Frame = { kind: c === 0x7b ? OBJECT : ARRAY, keyFrom: -1, keyTo: -1 };
        stack.push(frame);
        if (frame.kind === OBJECT && (at = keyEnd(b, at, frame)) < 0) return false;
        continue;
      }
      at += 1;
    } else if ((at = scalarEnd(b, at)) < 0) return false;
    // After a value: a comma (then the next key or element) or close the containers that end here.
    for (;;) {
      const top = stack[stack.length - 1];
      if (top === undefined) return at === b.length && (!sawHigh || isUtf8(b));
      if (b[at] === 0x2c) {
        at += 1;
        if (top.kind === OBJECT && (at = keyEnd(b, at, top)) < 0) return false;
        break;
      }
      if (b[at] !== (top.kind === OBJECT ? 0x7d : 0x5d)) return false;
      at += 1;
      stack.pop();
    }
  }
}
