// Whether a journal line is exactly canonical JSON (RFC 8785, as src/canonical writes it), decided
// in one pass over its bytes without building the value: no whitespace, keys in strictly
// increasing UTF-16 order, strings with only the escapes canonical JSON writes and valid UTF-8,
// numbers in ECMAScript form within the safe range, nesting at most JSON_DEPTH_MAX deep.
// The checksum proves the bytes are the ones that were hashed, not that they are canonical (a
// writer can hash any bytes), so the full verify runs this on every record. It answers as
// `canonicalize(JSON.parse(line)) === line` does (tests/journal/canonical-line.test.ts checks
// both on the same cases and on edited golden lines) at a fraction of its cost. The Rust twin
// is canonical_line.rs.
import { isUtf8 } from 'node:buffer';
import { JSON_DEPTH_MAX } from '../canonical/limits.js';
import { SAFE_INTEGER_MAX } from '../protocol/limits.js';

// Local copies: imported bindings are read per use, and these are read per container and number.
const DEPTH_MAX = JSON_DEPTH_MAX;
const SAFE_MAX = SAFE_INTEGER_MAX;
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

/** Whether the last string stringEnd passed held only ASCII without escapes (its bytes then sort as its UTF-16 units). */
let plainString = true;

/** What a byte inside a string asks of stringEnd: nothing (printable ASCII), or a closer look. */
const PLAIN = 0;
const QUOTE = 1;
const BACKSLASH = 2;
const CONTROL = 3;
const HIGH = 4;
const STRING_BYTE = new Uint8Array(256).fill(HIGH, 0x80);
STRING_BYTE.fill(CONTROL, 0, 0x20);
STRING_BYTE[0x22] = QUOTE;
STRING_BYTE[0x5c] = BACKSLASH;

/** End (after the closing quote) of the canonical string starting at `at`, or -1. */
function stringEnd(b: Uint8Array, at: number): number {
  plainString = true;
  const n = b.length;
  for (let i = at + 1; i < n; ) {
    const kind = STRING_BYTE[b[i]!]!;
    if (kind === PLAIN) {
      i += 1;
      continue;
    }
    if (kind === QUOTE) return i + 1;
    if (kind === CONTROL) return -1;
    if (kind === HIGH) {
      sawHigh = true;
      plainString = false;
      i += 1;
      continue;
    }
    plainString = false;
    const e = b[i + 1];
    if (isShortEscape(e)) i += 2;
    else if (e === 0x75 && b[i + 2] === 0x30 && b[i + 3] === 0x30 && isLowerHex(b[i + 4]) && isLowerHex(b[i + 5])) {
      // Only control characters without a short escape are written as \u00xx.
      const unit = parseInt(String.fromCharCode(b[i + 4]!, b[i + 5]!), 16);
      if (unit >= 0x20 || unit === 0x08 || unit === 0x09 || unit === 0x0a || unit === 0x0c || unit === 0x0d) return -1;
      i += 6;
    } else return -1;
  }
  return -1;
}

/**
 * Whether a plain decimal `I.F` (no exponent) is its own ECMAScript text, without converting it:
 * with at most 15 significant digits no other decimal of at most 15 digits names the same double
 * (DBL_DIG), so these digits are the shortest round trip; ECMAScript then prints them in fixed
 * notation when the integer part is not 0 (at most 15 digits, below 1e21), or after "0." with at
 * most 5 zeros (1e-6 and up). The fraction must not end in 0. Anything else takes the slow path.
 */
function plainDecimalIsCanonical(b: Uint8Array, intFrom: number, intDigits: number, fracFrom: number, fracTo: number): boolean {
  if (b[fracTo - 1] === 0x30) return false;
  let zeros = 0;
  if (b[intFrom] === 0x30) while (b[fracFrom + zeros] === 0x30) zeros += 1;
  const significant = b[intFrom] === 0x30 ? fracTo - fracFrom - zeros : intDigits + fracTo - fracFrom;
  return significant <= PLAIN_DIGITS_MAX && zeros <= 5;
}

/** The largest safe integer's digits: a 16-digit integer up to it prints as itself, one above is unsafe. */
const SAFE_DIGITS = Buffer.from(String(SAFE_INTEGER_MAX), 'latin1');

/** Whether the 16 digits at `from` spell at most SAFE_INTEGER_MAX (they have no leading zero). */
function safeInteger(b: Uint8Array, from: number): boolean {
  for (let k = 0; k < SAFE_DIGITS.length; k += 1) if (b[from + k] !== SAFE_DIGITS[k]) return b[from + k]! < SAFE_DIGITS[k]!;
  return true;
}

/** Buffer's own latin1 decode, called on any byte array: one native call, no view object. */
const latin1Slice = (Buffer.prototype as unknown as { latin1Slice(this: Uint8Array, from: number, to: number): string }).latin1Slice;

/** End of the canonical number starting at `at`, or -1. */
function numberEnd(b: Uint8Array, at: number): number {
  let i = at;
  if (b[i] === 0x2d) i += 1;
  const intFrom = i;
  if (b[i] === 0x30) i += 1;
  else if (isDigit(b[i])) while (isDigit(b[i])) i += 1;
  else return -1;
  const intDigits = i - intFrom;
  let fracFrom = -1;
  if (b[i] === 0x2e) {
    i += 1;
    fracFrom = i;
    if (!isDigit(b[i])) return -1;
    while (isDigit(b[i])) i += 1;
  }
  const fracTo = i;
  let exponent = false;
  if (b[i] === 0x65 || b[i] === 0x45) {
    exponent = true;
    i += 1;
    if (b[i] === 0x2b || b[i] === 0x2d) i += 1;
    if (!isDigit(b[i])) return -1;
    while (isDigit(b[i])) i += 1;
  }
  if (!exponent) {
    // A short integer is its own ECMAScript text; "-0" is not (it prints as 0).
    const negativeZero = b[at] === 0x2d && b[intFrom] === 0x30 && intDigits === 1 && fracFrom < 0;
    if (fracFrom < 0 && !negativeZero && (intDigits <= PLAIN_DIGITS_MAX || (intDigits === SAFE_DIGITS.length && safeInteger(b, intFrom)))) return i;
    if (fracFrom >= 0 && plainDecimalIsCanonical(b, intFrom, intDigits, fracFrom, fracTo)) return i;
  }
  // The rest (16-17 significant digits, exponents, unsafe integers) round-trips through a double.
  const text = latin1Slice.call(b, at, i);
  let canonical = ROUND_TRIPS.get(text);
  if (canonical === undefined) {
    const n = Number(text);
    const unsafe = Math.abs(n) > SAFE_MAX && Math.abs(n) < EXPONENT_FORM_FROM;
    canonical = Number.isFinite(n) && !unsafe && String(n) === text;
    if (ROUND_TRIPS.size >= ROUND_TRIPS_MAX) ROUND_TRIPS.clear();
    ROUND_TRIPS.set(text, canonical);
  }
  return canonical ? i : -1;
}

/**
 * The answers of the round trip by number text: the slow path costs about 0.5 us (parse, then
 * print the shortest form), and journals repeat such values (a third, a fee rate). A pure
 * function's memo, emptied when full, so it changes no answer and stays bounded.
 */
const ROUND_TRIPS = new Map<string, boolean>();
const ROUND_TRIPS_MAX = 4096;

/** End of the literal `word` at `at`, or -1. */
function literalEnd(b: Uint8Array, at: number, word: readonly number[]): number {
  for (let k = 0; k < word.length; k += 1) if (b[at + k] !== word[k]) return -1;
  return at + word.length;
}
const TRUE = [...'true'].map((c) => c.charCodeAt(0));
const FALSE = [...'false'].map((c) => c.charCodeAt(0));
const NULL = [...'null'].map((c) => c.charCodeAt(0));

/**
 * Whether the key b[from, to) (quoted) sorts strictly after the key b[pFrom, pTo) in UTF-16
 * order; `plain`: both are ASCII without escapes, so their bytes compare as their code units.
 */
function keyAfter(b: Uint8Array, pFrom: number, pTo: number, from: number, to: number, plain: boolean): boolean {
  if (!plain) {
    // Escapes or non-ASCII: compare the decoded strings (JS compares UTF-16 code units).
    const text = (x: number, y: number): string => JSON.parse(Buffer.from(b.buffer, b.byteOffset + x, y - x).toString('utf8')) as string;
    return text(pFrom, pTo) < text(from, to);
  }
  const n = Math.min(pTo - pFrom, to - from);
  for (let k = 0; k < n; k += 1) if (b[pFrom + k] !== b[from + k]) return b[pFrom + k]! < b[from + k]!;
  return pTo - pFrom < to - from;
}

/**
 * The open containers, innermost last: kind, and for an object the span of its last key; reused
 * from line to line, so a line allocates nothing. Canonical JSON nests at most JSON_DEPTH_MAX
 * deep (canonicalize refuses deeper values), so a deeper line is not canonical.
 */
const kinds = new Uint8Array(DEPTH_MAX);
const keyFroms = new Int32Array(DEPTH_MAX);
const keyTos = new Int32Array(DEPTH_MAX);
const keyPlain = new Uint8Array(DEPTH_MAX);

/** Opens a container at `depth` (0 for the line's object; the caller checked the depth). */
function push(depth: number, kind: number): void {
  kinds[depth] = kind;
  keyFroms[depth] = -1;
}

/** After `"key":` at `at` in the object at `depth`: the value's start, or -1 (bad key, order, or colon). */
function keyEnd(b: Uint8Array, at: number, depth: number): number {
  if (b[at] !== 0x22) return -1;
  const end = stringEnd(b, at);
  if (end < 0 || b[end] !== 0x3a) return -1;
  const plain = plainString ? 1 : 0;
  if (keyFroms[depth]! >= 0 && !keyAfter(b, keyFroms[depth]!, keyTos[depth]!, at, end, plain === 1 && keyPlain[depth] === 1)) return -1;
  keyFroms[depth] = at;
  keyTos[depth] = end;
  keyPlain[depth] = plain;
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
  let depth = 0;
  let at = 0;
  for (;;) {
    // A value starts at `at`: open a container, or pass a scalar.
    const c = b[at];
    if (c === 0x7b || c === 0x5b) {
      const close = c === 0x7b ? 0x7d : 0x5d;
      at += 1;
      if (depth >= DEPTH_MAX) return false; // an empty container counts too
      if (b[at] !== close) {
        push(depth, c === 0x7b ? OBJECT : ARRAY);
        depth += 1;
        if (c === 0x7b && (at = keyEnd(b, at, depth - 1)) < 0) return false;
        continue;
      }
      at += 1;
    } else if ((at = scalarEnd(b, at)) < 0) return false;
    // After a value: a comma (then the next key or element) or close the containers that end here.
    for (;;) {
      if (depth === 0) return at === b.length && (!sawHigh || isUtf8(b));
      const object = kinds[depth - 1] === OBJECT;
      if (b[at] === 0x2c) {
        at += 1;
        if (object && (at = keyEnd(b, at, depth - 1)) < 0) return false;
        break;
      }
      if (b[at] !== (object ? 0x7d : 0x5d)) return false;
      at += 1;
      depth -= 1;
    }
  }
}
