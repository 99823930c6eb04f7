/**
 * Ways to break one request line, for the invalid level. Each mutation takes a valid request
 * and yields the bytes of a line that is not a valid request (not UTF-8, not JSON,
 * non-finite or out-of-range numbers, schema violations, forbidden keys, too deep), with a
 * note saying what is wrong. `mutateLine` returns undefined when a mutation does not apply
 * to the request it was given (e.g. a number mutation on a request without numbers).
 */
import type { ProtocolRequest } from '../../generated/ts/types.js';

export const lineMutations = [
  'nan', 'infinity', 'negative-infinity', 'number-out-of-range', 'negative-zero', 'negative-number',
  'missing-key', 'wrong-type', 'extra-key', 'unknown-op', 'truncated', 'invalid-utf8', 'empty',
  'whitespace', 'too-deep', 'forbidden-key', 'not-an-object', 'negative-seq', 'fractional-seq',
  'lone-surrogate', 'duplicate-key-invalid', 'string-too-long', 'past-bound',
] as const;

/**
 * One representable step past the schemas' numeric bounds: the Size and Price maximum, the
 * Amount maximum, an exclusive minimum of 0, the smallest negative, an integer past 2^53 - 1, and a
 * slot id past 1023. A candidate that happens to be valid where it lands is dropped by the
 * caller's validity check.
 */
const pastBoundLiterals = ['1000000000000.0001', '1000000000000000.1', '0', '-5e-324', '9007199254740992', '1024'] as const;
export type LineMutation = (typeof lineMutations)[number];

export interface BrokenLine {
  readonly bytes: Uint8Array;
  readonly note: string;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Path = readonly (string | number)[];

function leaves(v: Json, path: Path, pred: (x: Json) => boolean, out: Path[]): Path[] {
  if (pred(v)) out.push(path);
  if (Array.isArray(v)) v.forEach((x, i) => leaves(x, [...path, i], pred, out));
  else if (v !== null && typeof v === 'object') for (const k of Object.keys(v)) leaves(v[k]!, [...path, k], pred, out);
  return out;
}

function setAt(v: Json, path: Path, value: Json): Json {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  if (Array.isArray(v)) return v.map((x, i) => (i === head ? setAt(x, rest, value) : x));
  const o = v as { [k: string]: Json };
  return { ...o, [head as string]: setAt(o[head as string]!, rest, value) };
}

function removeAt(v: Json, path: Path): Json {
  const [head, ...rest] = path;
  const o = v as { [k: string]: Json };
  if (rest.length === 0) {
    const { [head as string]: _gone, ...kept } = o;
    return kept;
  }
  return { ...o, [head as string]: removeAt(o[head as string]!, rest) };
}

const pointer = (p: Path) => '/' + p.join('/');
/** The marker as JSON.stringify writes it (NUL escaped as \u0000), so that it can be found and replaced. */
const MARK = JSON.stringify('\u0000MARK\u0000');
const utf8 = (s: string) => new TextEncoder().encode(s);

/** The request's JSON with the value at `path` replaced by raw text `literal`. */
function withLiteral(req: Json, path: Path, literal: string): string {
  return JSON.stringify(setAt(req, path, '\u0000MARK\u0000')).replace(MARK, literal);
}

export function mutateLine(request: ProtocolRequest, mutation: LineMutation, pick: number): BrokenLine | undefined {
  const req = request as unknown as Json;
  const numbers = leaves(req, [], (x) => typeof x === 'number', []).filter((p) => p.length > 1 || p[0] !== 'seq');
  const keys = leaves(req, [], () => true, []).filter((p) => p.length > 0 && typeof p[p.length - 1] === 'string' && p[0] !== 'op');
  const strings = leaves(req, [], (x) => typeof x === 'string', []).filter((p) => p[0] !== 'op');
  const choose = <T>(xs: readonly T[]): T | undefined => (xs.length === 0 ? undefined : xs[pick % xs.length]);
  const num = choose(numbers);
  const numeric = (literal: string, what: string): BrokenLine | undefined =>
    num === undefined ? undefined : { bytes: utf8(withLiteral(req, num, literal)), note: `${what} at ${pointer(num)}` };
  switch (mutation) {
    case 'nan':
      return numeric('NaN', 'NaN literal (not JSON)');
    case 'infinity':
      return numeric('Infinity', 'Infinity literal (not JSON)');
    case 'negative-infinity':
      return numeric('-Infinity', '-Infinity literal (not JSON)');
    case 'number-out-of-range':
      return numeric('1e400', 'number outside binary64 range');
    case 'negative-zero':
      return numeric('-0', '-0 where a positive or bounded number is required');
    case 'negative-number':
      return numeric('-1e13', 'number below its minimum');
    case 'missing-key': {
      const k = choose(keys);
      return k === undefined ? undefined : { bytes: utf8(JSON.stringify(removeAt(req, k))), note: `key ${pointer(k)} removed` };
    }
    case 'wrong-type': {
      const k = choose(keys);
      return k === undefined ? undefined : { bytes: utf8(JSON.stringify(setAt(req, k, [true]))), note: `array of boolean at ${pointer(k)}` };
    }
    case 'extra-key':
      return { bytes: utf8(JSON.stringify({ ...(req as object), zz_unknown: 1 })), note: 'unknown top-level key zz_unknown' };
    case 'unknown-op':
      return { bytes: utf8(JSON.stringify({ ...(req as object), op: 'frobnicate' })), note: 'unknown op' };
    case 'truncated': {
      const text = JSON.stringify(req);
      return { bytes: utf8(text.slice(0, 1 + (pick % (text.length - 1)))), note: 'JSON cut short' };
    }
    case 'invalid-utf8': {
      const text = utf8(JSON.stringify(req));
      const at = 1 + (pick % (text.length - 1));
      return { bytes: Uint8Array.from([...text.slice(0, at), 0xff, 0xfe, ...text.slice(at)]), note: 'bytes 0xff 0xfe are not UTF-8' };
    }
    case 'empty':
      return { bytes: new Uint8Array(0), note: 'empty line' };
    case 'whitespace':
      return { bytes: utf8(' \t  '), note: 'only whitespace' };
    case 'too-deep':
      return { bytes: utf8(withLiteral(req, ['seq_nest'], '['.repeat(70) + ']'.repeat(70))), note: 'nesting deeper than json_depth_max = 64' };
    case 'forbidden-key':
      return { bytes: utf8(JSON.stringify(req).replace(/^\{/, '{"__proto__":{},')), note: 'forbidden key __proto__' };
    case 'not-an-object':
      return { bytes: utf8(pick % 2 === 0 ? '[1,2,3]' : '42'), note: 'a JSON value that is not an object' };
    case 'negative-seq':
      return { bytes: utf8(JSON.stringify({ ...(req as object), seq: -1 })), note: 'seq below 0' };
    case 'fractional-seq':
      return { bytes: utf8(JSON.stringify({ ...(req as object), seq: 2.5 })), note: 'seq with a fraction' };
    case 'lone-surrogate': {
      const s = choose(strings);
      return s === undefined ? undefined : { bytes: utf8(withLiteral(req, s, '"a\\ud800b"')), note: `lone surrogate escape in the string at ${pointer(s)}` };
    }
    case 'duplicate-key-invalid':
      return { bytes: utf8(JSON.stringify(req).replace(/^\{/, '{"op":"nope",').replace(/\}$/, ',"op":"nope"}')), note: 'op given twice, last value invalid' };
    case 'past-bound': {
      const literal = pastBoundLiterals[Math.floor(pick / Math.max(1, numbers.length)) % pastBoundLiterals.length]!;
      return numeric(literal, `one step past a schema bound (${literal})`);
    }
    case 'string-too-long': {
      const s = choose(strings);
      return s === undefined ? undefined : { bytes: utf8(JSON.stringify(setAt(req, s, 'x'.repeat(600)))), note: `string of 600 characters at ${pointer(s)}` };
    }
  }
}
