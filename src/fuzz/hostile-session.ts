/**
 * Hostile protocol sessions for the no-crash property: every op's every field (and keys)
 * replaced by full-Unicode strings (astral characters, lone surrogates escaped and raw,
 * combining marks), lengths straddling every truncation bound (in code points and in UTF-16
 * units), awkward numbers, arbitrary and invalid-UTF-8 bytes, astral characters next to
 * syntax errors. Seeded and pure: the same seed gives the same bytes everywhere.
 */
import { MESSAGE_CHARS_MAX, QUOTED_VALUE_CHARS_MAX } from '../../generated/ts/protocol-edge.js';
import { createKernel } from '../kernel/index.js';
import type { KernelConfig } from '../../generated/ts/types.js';
import { createPrng } from '../venue/prng.js';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** A source of numbers in [0, 1). */
export type Rng = () => number;

/** The venue's seeded generator (mulberry32) as a bare function: the same on every machine. */
export function seededRng(seed: number): Rng {
  const prng = createPrng(seed);
  return () => prng.next();
}

const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const int = (r: Rng, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));

const CONFIG: KernelConfig = {
  slot_count: 4,
  seed_capital: 10000,
  seen_event_ids_max: 16,
  reconcile_tolerance: 0.01,
  exchange: { taker_rate: 0.001, maker_rate: 0.0002, fee_calibration_alpha: 0.5 },
  control: { mode: 'backtest', verbosity: 'NORMAL' },
};

const TS = 1700000003000;
const order = { order_id: 'T1#1', slot_id: 0, trade_id: 'T1', ts: TS };

/** One valid request of every op and kind but bye (which would end the session early). */
function templates(): Json[] {
  return [
    { op: 'hello', protocol_version: '1.0', client: 'soak' },
    { op: 'configure', config: CONFIG as unknown as Json },
    { op: 'intent', intent: { action: 'ENTER', asset: 'BTC-USDT', exit_leg_ratios: [0.5, 0.5], intent_id: 'in-1', leverage: 1, order_type: 'LIMIT', limit_price: 100, side: 'LONG', slot_id: 0, target_size: 10, trade_id: 'T1', ts: TS } },
    { op: 'intent', intent: { action: 'EXIT', intent_id: 'in-2', order_type: 'MARKET', slot_id: 0, trade_id: 'T1', ts: TS } },
    { op: 'intent', intent: { action: 'CANCEL', intent_id: 'in-3', slot_id: 0, trade_id: 'T1', ts: TS } },
    { op: 'venue_event', event: { ...order, event_id: 'ev-1', kind: 'ORDER_ACK', venue_order_id: 'v-1' } },
    { op: 'venue_event', event: { ...order, event_id: 'ev-2', kind: 'PARTIAL_FILL', price: 100, size: 2 } },
    { op: 'venue_event', event: { ...order, event_id: 'ev-3', kind: 'FILL', price: 100, size: 10 } },
    { op: 'venue_event', event: { ...order, event_id: 'ev-4', kind: 'CANCEL_ACK' } },
    { op: 'venue_event', event: { ...order, event_id: 'ev-5', kind: 'ORDER_REJECTED', reason: 'no' } },
    { op: 'venue_event', event: { ...order, event_id: 'ev-6', kind: 'CANCEL_REJECTED', reason: 'no' } },
    { op: 'venue_event', event: { ...order, event_id: 'ev-7', kind: 'ORDER_EXPIRED' } },
    { op: 'venue_event', event: { ...order, event_id: 'ev-8', kind: 'RATE_LIMITED', retry_after_ms: 250 } },
    { op: 'account_event', event: { kind: 'ACCOUNT_UPDATE', available_margin: 10000, maint_margin: 0, seq: 3, ts: TS, used_margin: 0, wallet_balance: 10000 } },
    { op: 'account_event', event: { kind: 'FILL_SETTLED', fee: 0.5, order_id: 'T1#1', realized_pnl: 0, seq: 4, ts: TS } },
    { op: 'account_event', event: { kind: 'FUNDING_FEE', amount: 5, asset: 'BTC-USDT', seq: 5, ts: TS } },
    { op: 'mark_price', asset: 'BTC-USDT', price: 101, ts: TS },
    { op: 'reconcile', reconcile_id: 'rc-1', slots: [{ asset: 'BTC-USDT', position: { entry_price: 100, side: 'LONG', size: 10 }, slot_id: 0, trade_id: 'T1' }], ts: TS },
    { op: 'calibrate_fee', actual_fee: 2, fill_price: 100, fill_size: 10, order_type: 'MARKET' },
    { op: 'snapshot' },
    { op: 'restore', snapshot: createKernel(CONFIG).snapshot() as unknown as Json },
    { op: 'reset' },
  ];
}

const TEMPLATES = templates();

/** Characters that stress UTF-16/code-point handling and escaping. */
const ODD_CHARS = ['😀', '𝄞', 'e\u0301', '\u200d', '\ufeff', '\u0000', '"', '\\', '\u2028', 'ß', '中', 'ﷺ', '\u{10ffff}', 'a'];

/** Astral characters: two UTF-16 units each, the ones a cut by units splits. */
const ASTRAL = ['😀', '𝄞', '\u{10ffff}'];

/** A run of `n` copies of one odd character (astral half the time), perhaps after a short prefix. */
function oddRun(r: Rng, n: number): string {
  return (r() < 0.5 ? 'a' : '') + pick(r, r() < 0.5 ? ASTRAL : ODD_CHARS).repeat(n);
}

/** Lengths around every bound: the quoted-value and message bounds, in code points and UTF-16 units. */
function straddlingLength(r: Rng): number {
  const q = QUOTED_VALUE_CHARS_MAX;
  const m = MESSAGE_CHARS_MAX;
  const bounds = [q, q / 2, m, m / 2, m - 3, q - 3];
  return Math.max(0, Math.floor(pick(r, bounds)) + int(r, -2, 2));
}

function hostileString(r: Rng): string {
  const n = r() < 0.7 ? straddlingLength(r) : int(r, 0, 8);
  return oddRun(r, n);
}

function hostileValue(r: Rng): Json {
  const choice = int(r, 0, 9);
  if (choice < 5) return hostileString(r);
  if (choice === 5) return pick(r, [0, -0, 1e308, -1e308, 5e-324, 2 ** 53, 2 ** 53 + 2, -1, 0.1, 1e21, 1.5]);
  if (choice === 6) return pick(r, [null, true, false, [], {}]);
  if (choice === 7) return [hostileString(r), hostileString(r)];
  if (choice === 8) return { [hostileString(r)]: hostileString(r) };
  return pick(r, ['LONG', 'MARKET', 'ENTER', 'FILL', '1.0', 'T1', 'T1#1']);
}

type Path = (string | number)[];

function paths(v: Json, at: Path, out: Path[]): Path[] {
  out.push(at);
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...at, i], out));
  else if (v !== null && typeof v === 'object') for (const k of Object.keys(v)) paths(v[k]!, [...at, k], out);
  return out;
}

function setAt(v: Json, path: Path, value: Json, renameKey: boolean): Json {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  if (Array.isArray(v)) return v.map((x, i) => (i === head ? setAt(x, rest, value, renameKey) : x));
  const o = v as { [k: string]: Json };
  const out: { [k: string]: Json } = {};
  for (const k of Object.keys(o)) {
    if (k !== head) out[k] = o[k]!;
    else if (rest.length === 0 && renameKey) out[typeof value === 'string' ? value : hostileString(() => 0.5)] = o[k]!;
    else out[k] = setAt(o[k]!, rest, value, renameKey);
  }
  return out;
}

/** JSON text with every non-ASCII character escaped as \u, some of them split into lone surrogate escapes. */
function escapedJson(r: Rng, v: Json): string {
  const text = JSON.stringify(v).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return r() < 0.3 ? text.replace(/\\ud83d/g, '\\ud83d"x"') : text;
}

/** One request of a template with one field (or key) made hostile. */
function mutatedRequest(r: Rng, seq: number): Buffer {
  const base = { ...(pick(r, TEMPLATES) as { [k: string]: Json }), seq };
  const all = paths(base, [], []).filter((p) => p.length > 0);
  const target = pick(r, all);
  const value = target.at(-1) === 'seq' && r() < 0.5 ? pick(r, [-1, 1.5, 2 ** 53, '1', null]) : hostileValue(r);
  const changed = setAt(base, target, value, r() < 0.15 && typeof target.at(-1) === 'string');
  if (r() < 0.2) return Buffer.from(escapedJson(r, changed));
  return Buffer.from(JSON.stringify(changed), 'utf8');
}

/** Bytes that are not one JSON request: syntax errors next to astral characters, invalid UTF-8, noise. */
function brokenLine(r: Rng, seq: number): Buffer {
  const astral = oddRun(r, int(r, 1, 40));
  const choice = int(r, 0, 15);
  const valid = JSON.stringify({ ...(pick(r, TEMPLATES) as object), seq });
  switch (choice) {
    case 0: return Buffer.from(`{${astral}`);
    case 1: return Buffer.from(`{"op":"${astral}`);
    case 2: return Buffer.from(`[1,${astral}]`);
    case 3: return Buffer.from(`${valid}${astral}`);
    case 4: return Buffer.from(`\ufeff${valid}`);
    case 5: return Buffer.from(`"\\ud83d${astral}"`);
    case 6: return Buffer.concat([Buffer.from(valid.slice(0, int(r, 0, valid.length))), Buffer.from([0xed, 0xa0, 0x80])]);
    case 7: return Buffer.from(valid.slice(0, int(r, 0, valid.length)) + astral);
    case 8: return Buffer.from(`${'['.repeat(int(r, 60, 70))}${astral}`);
    case 9: return Buffer.from(` \t${valid} \r`);
    case 10: return Buffer.from(Array.from({ length: int(r, 0, 40) }, () => int(r, 0, 255)).map((b) => (b === 0x0a ? 0x20 : b)));
    case 11: {
      const depth = int(r, 63, 66);
      return Buffer.from(`{"seq":${seq},"a":${'['.repeat(depth - 1)}${JSON.stringify(astral)}${']'.repeat(depth - 1)}}`);
    }
    case 12: return Buffer.from(`{"seq":${seq},"op":"mark_price","asset":${JSON.stringify(astral)},"price":1e400}`);
    case 13: return Buffer.from(`{"seq":${seq},${JSON.stringify(astral)}:{"${pick(r, ['__proto__', 'constructor', 'prototype'])}":${JSON.stringify(astral)}}}`);
    case 14: return Buffer.from(pick(r, ['', ' ', '\t \r', '\r']));
    default: return Buffer.from(`{"seq":${seq},"op":"intent","intent":${astral}}`);
  }
}

/**
 * One session's lines (no `\n` inside any), seqs from `seqBase` up: a hello, a configure,
 * then hostile, broken and valid requests. Never a bye: the caller ends the input.
 */
export function hostileSession(r: Rng, seqBase: number): Buffer[] {
  let seq = seqBase;
  const lines: Buffer[] = [];
  const valid = (body: Json): Buffer => Buffer.from(JSON.stringify({ ...(body as object), seq: ++seq }));
  lines.push(r() < 0.8 ? valid(TEMPLATES[0]!) : mutatedRequest(r, ++seq));
  lines.push(valid(TEMPLATES[1]!));
  const n = int(r, 3, 14);
  for (let i = 0; i < n; i++) {
    const roll = r();
    if (roll < 0.55) lines.push(mutatedRequest(r, ++seq));
    else if (roll < 0.8) lines.push(brokenLine(r, ++seq));
    else lines.push(valid(pick(r, TEMPLATES)));
  }
  return lines.map((b) => (b.includes(0x0a) ? Buffer.from(b.map((x) => (x === 0x0a ? 0x20 : x))) : b));
}
