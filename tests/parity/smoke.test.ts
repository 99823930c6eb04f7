// Parity smoke test: the TypeScript server (`lockstep kernel`) and the Rust binary answer the
// same few hundred scripted lines (every op, refusals, contradictions, schema violations, bad
// lines, seq and handshake errors, a snapshot restored into a second session) and must agree:
// byte for byte, except that error responses compare without `error.message` and hello
// responses on `protocol_version` and `capabilities` only (docs/protocol.md). A missing or
// unstartable binary fails the test; it never skips.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rng } from '../support/rng.js';
import { canonicalize } from '../../src/canonical/index.js';
import { REPO_ROOT, RUST_KERNEL_BIN } from '../../src/harness/rust-kernel-build.js';

interface Run {
  readonly code: number | null;
  readonly lines: string[];
  readonly stderr: string;
}

function runServer(command: string, args: string[], input: Buffer, timeoutMs = 60_000): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${command} did not finish within ${timeoutMs} ms`));
    }, timeoutMs);
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.stdin.on('error', () => {}); // bye ends the process before it reads everything
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`${command} could not start: ${e.message}`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      const lines = Buffer.concat(out).toString('utf8').split('\n');
      if (lines.at(-1) === '') lines.pop();
      resolve({ code, lines, stderr: Buffer.concat(err).toString('utf8') });
    });
    child.stdin.end(input);
  });
}

const runTs = (input: Buffer): Promise<Run> => runServer(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'kernel'], input);
const runRust = (input: Buffer): Promise<Run> => runServer(RUST_KERNEL_BIN, [], input);

/** What parity compares of one response line (docs/protocol.md, "Parity of error responses"). */
function comparable(line: string): string {
  const r = JSON.parse(line) as Record<string, unknown>;
  if (r['op'] === 'error') {
    const { message: _message, ...error } = r['error'] as Record<string, unknown>;
    return canonicalize({ ...r, error });
  }
  if (r['op'] === 'hello') return canonicalize({ op: 'hello', seq: r['seq'], protocol_version: r['protocol_version'], capabilities: r['capabilities'] });
  return line;
}

/** mulberry32: a small seeded generator, so the script is the same on every run. */
class Script {
  private readonly parts: Buffer[] = [];
  seq = 0;
  count = 0;
  constructor(readonly random: () => number) {}
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)] as T;
  }
  req(body: Record<string, unknown>): void {
    this.seq += 1;
    this.raw(JSON.stringify({ ...body, seq: this.seq }));
  }
  raw(line: string | Buffer): void {
    this.parts.push(typeof line === 'string' ? Buffer.from(line) : line, Buffer.from('\n'));
    this.count += 1;
  }
  bytes(): Buffer {
    return Buffer.concat(this.parts);
  }
}

const CONFIG = {
  slot_count: 3,
  seed_capital: 10_000,
  seen_event_ids_max: 4, // small: eviction and the full live window (R10) are exercised; the scripted H#3 order gets 4 events
  reconcile_tolerance: 0.5,
  exchange: { taker_rate: 0.0005, maker_rate: 0.0002, fee_calibration_alpha: 0.2 },
  control: { mode: 'paper', verbosity: 'DEBUG' },
};

const SIZES = [0.1, 0.3, 0.5, 1, 1.5, 2, 3.3333333333333335, 1e-7, 1e21 / 1e10];
const PRICES = [99.5, 100, 100.25, 101.3, 0.1 + 0.2, 123456.789];

/** One plausible kernel request (about half of them legal in the current state). */
/**
 * What the script believes of each slot: its trade counter (the next trade id) and how many
 * orders it has asked the slot to place (an upper bound: some are refused). A slot numbers its
 * orders over its life, so events name orders near that count.
 */
interface ScriptState {
  readonly trades: number[];
  readonly placed: number[];
}

function randomStep(s: Script, state: ScriptState): Record<string, unknown> {
  const { trades, placed } = state;
  const slot = s.pick([0, 1, 2, 0, 1, 3]);
  const trade = `T${slot}-${trades[slot % 3] ?? 0}`;
  const order = `${trade}#${Math.max(1, (placed[slot] ?? 0) - s.pick([0, 0, 1, 2]))}`;
  const event = `E${Math.floor(s.random() * 60)}`;
  const ts = s.count;
  const kind = s.pick(['ORDER_ACK', 'PARTIAL_FILL', 'FILL', 'FILL', 'CANCEL_ACK', 'ORDER_REJECTED', 'CANCEL_REJECTED', 'ORDER_EXPIRED', 'RATE_LIMITED']);
  switch (s.pick(['enter', 'exit', 'cancel', 'event', 'event', 'event', 'event', 'mark', 'account', 'fee', 'reconcile'])) {
    case 'enter': {
      // Mostly a fresh trade id; now and then the slot's own, which ENTER refuses (TRADE_ID_REUSED).
      if (s.random() < 0.85) trades[slot % 3] = (trades[slot % 3] ?? 0) + 1;
      placed[slot] = (placed[slot] ?? 0) + 1;
      const limit = s.random() < 0.5;
      const intent: Record<string, unknown> = {
        action: 'ENTER', intent_id: `I${ts}`, ts, slot_id: slot, trade_id: `T${slot}-${trades[slot % 3] ?? 0}`, asset: s.pick(['BTC-USDT', 'ETH-USDT']),
        side: s.pick(['LONG', 'SHORT']), order_type: limit ? 'LIMIT' : 'MARKET', target_size: s.pick(SIZES), leverage: s.pick([1, 3, 10]),
        exit_leg_ratios: s.pick([[1], [0.5, 0.5], [0.25, 0.25, 0.5], [0.7, 0.5], [0.1, 0.2]]),
      };
      if (limit !== s.random() < 0.1) intent['limit_price'] = s.pick(PRICES);
      return { op: 'intent', intent };
    }
    case 'exit': {
      placed[slot] = (placed[slot] ?? 0) + 1;
      const limit = s.random() < 0.5;
      const intent: Record<string, unknown> = { action: 'EXIT', intent_id: `I${ts}`, ts, slot_id: slot, trade_id: trade, order_type: limit ? 'LIMIT' : 'MARKET' };
      if (limit) intent['limit_price'] = s.pick(PRICES);
      return { op: 'intent', intent };
    }
    case 'cancel':
      return { op: 'intent', intent: { action: 'CANCEL', intent_id: `I${ts}`, ts, slot_id: slot, trade_id: trade } };
    case 'event': {
      const e: Record<string, unknown> = { kind, event_id: event, ts, slot_id: slot, trade_id: trade, order_id: order };
      if (kind === 'PARTIAL_FILL' || kind === 'FILL') Object.assign(e, { price: s.pick(PRICES), size: s.pick(SIZES) });
      if (kind === 'RATE_LIMITED') e['retry_after_ms'] = 250;
      if (kind === 'ORDER_ACK' && s.random() < 0.5) e['venue_order_id'] = `V${ts}`;
      if ((kind === 'ORDER_REJECTED' || kind === 'CANCEL_REJECTED') && s.random() < 0.5) e['reason'] = 'venue says no';
      return { op: 'venue_event', event: e };
    }
    case 'mark':
      return { op: 'mark_price', asset: s.pick(['BTC-USDT', 'ETH-USDT', 'SOL-USDT']), price: s.pick(PRICES), ts };
    case 'account': {
      const seq = Math.floor(s.random() * 8);
      return {
        op: 'account_event',
        event: s.pick([
          { kind: 'FILL_SETTLED', seq, ts, order_id: order, fee: 0.05, realized_pnl: -1.25 },
          { kind: 'ACCOUNT_UPDATE', seq, ts, wallet_balance: s.pick([10_000, 9_999.8, 10_003.1]), available_margin: 5_000, used_margin: 100, maint_margin: 10 },
          { kind: 'FUNDING_FEE', seq, ts, asset: 'BTC-USDT', amount: s.pick([0.01, -0.02, 1e-9]) },
        ]),
      };
    }
    case 'fee':
      return { op: 'calibrate_fee', fill_price: s.pick(PRICES), fill_size: s.pick(SIZES), order_type: s.pick(['MARKET', 'LIMIT']), actual_fee: s.pick([0.05, 0.0501, -0.01, 1]) };
    default:
      return {
        op: 'reconcile',
        reconcile_id: `R${ts}`,
        ts,
        slots: s.random() < 0.7
          ? [{ slot_id: slot, trade_id: trade, asset: 'BTC-USDT' }]
          : [{ slot_id: 1, trade_id: 'R1', asset: 'ETH-USDT', position: { side: 'SHORT', size: 2, entry_price: 3000 } }, { slot_id: slot, trade_id: trade, asset: 'BTC-USDT' }],
      };
  }
}

/** A request broken in one place: a key dropped or added, or a value of the wrong kind. */
function mutate(s: Script, body: Record<string, unknown>): Record<string, unknown> {
  const copy = structuredClone(body) as Record<string, unknown>;
  const objects: Array<Record<string, unknown>> = [];
  const collect = (v: unknown): void => {
    if (typeof v !== 'object' || v === null) return;
    if (Array.isArray(v)) v.forEach(collect);
    else {
      objects.push(v as Record<string, unknown>);
      Object.values(v).forEach(collect);
    }
  };
  collect(copy);
  const target = s.pick(objects);
  const keys = Object.keys(target);
  const key = s.pick(keys.length > 0 ? keys : ['op']);
  switch (s.pick(['drop', 'add', 'value', 'value'])) {
    case 'drop':
      delete target[key];
      break;
    case 'add':
      target[s.pick(['zz_extra', 'a_extra', 'Z', '~odd/key'])] = 1;
      break;
    default:
      target[key] = s.pick(['x', '', ' has space', 'é'.repeat(200), -1, 1.5, 0, -0, 1e300, 2 ** 53, null, [], {}, true, 'LIMIT', 'NOPE']);
  }
  return copy;
}

const BAD_LINES: Array<string | Buffer> = [
  '',
  '   ',
  '\t\r',
  'not json',
  '{"op":"hello"',
  '{"op":"hello","seq":1}}',
  '[1,2,]',
  '{"a":01}',
  '"\\ud800"',
  '{"\\udc00":1}',
  '{"seq":9999,"op":"snapshot","x":[1e400]}',
  '{"seq":9998,"deep":' + '['.repeat(70) + ']'.repeat(70) + '}',
  '[' + '{"a":'.repeat(40) + '1' + '}'.repeat(40) + ']',
  '{"seq":9997,"b":{"prototype":1,"constructor":{"__proto__":2}}}',
  '{"seq":9996,"list":[{"ok":1},{"__proto__":null}]}',
  '42',
  'null',
  '[]',
  '{}',
  '{"op":7,"seq":1}',
  '{"op":"teleport","seq":1}',
  '{"op":"snapshot","seq":-1}',
  '{"op":"snapshot","seq":1.5}',
  '{"op":"snapshot","seq":"1"}',
  '\uFEFF{"op":"snapshot","seq":1}',
  Buffer.from([0x7b, 0xff, 0xfe, 0x7d]),
  Buffer.from([0x22, 0xc3, 0x28, 0x22]),
  Buffer.from('{"op":"snapshot","seq":3}\r'),
];

/** A whole trade on slot 2 that passes through every accepted outcome code (and RATE_LIMITED). */
function scriptedTrade(s: Script): void {
  let n = 0;
  const intent = (body: Record<string, unknown>): void => s.req({ op: 'intent', intent: { intent_id: `HI${++n}`, ts: 1000 + n, slot_id: 2, trade_id: 'H', ...body } });
  const event = (kind: string, order: string, extra: Record<string, unknown> = {}): void =>
    s.req({ op: 'venue_event', event: { kind, event_id: `HE${++n}`, ts: 1000 + n, slot_id: 2, trade_id: 'H', order_id: order, ...extra } });
  intent({ action: 'ENTER', asset: 'BTC-USDT', side: 'SHORT', order_type: 'MARKET', target_size: 2, leverage: 5, exit_leg_ratios: [0.9, 0.1] });
  event('ORDER_ACK', 'H#1', { venue_order_id: 'V1' });
  event('PARTIAL_FILL', 'H#1', { price: 100, size: 0.5 });
  event('FILL', 'H#1', { price: 100.25, size: 5 }); // OVERFILL_CLAMPED
  intent({ action: 'EXIT', order_type: 'MARKET' });
  event('ORDER_REJECTED', 'H#2', { reason: 'no liquidity' }); // EXIT_ORDER_REJECTED
  intent({ action: 'EXIT', order_type: 'MARKET' });
  event('ORDER_ACK', 'H#3');
  event('PARTIAL_FILL', 'H#3', { price: 99, size: 1 });
  event('RATE_LIMITED', 'H#3', { retry_after_ms: 250 }); // RATE_LIMITED
  intent({ action: 'CANCEL' });
  event('CANCEL_REJECTED', 'H#3'); // CANCEL_REJECTED
  intent({ action: 'CANCEL' });
  event('CANCEL_ACK', 'H#3');
  s.req({ op: 'mark_price', asset: 'BTC-USDT', price: 98.5, ts: 1100 });
  intent({ action: 'EXIT', order_type: 'LIMIT', limit_price: 98 }); // EXIT_SIZE_CLAMPED
  event('FILL', 'H#4', { price: 98, size: 1 }); // CLOSED
  event('FILL', 'H#4', { price: 98, size: 1 }); // a fill on a closed trade: STALE_STATE_RECONCILING
  s.req({ op: 'reconcile', reconcile_id: 'HR', ts: 1200, slots: [{ slot_id: 2, trade_id: 'H', asset: 'BTC-USDT' }] });
  s.req({ op: 'intent', intent: { action: 'ENTER', intent_id: 'HI-new', ts: 1300, slot_id: 2, trade_id: 'H2', asset: 'BTC-USDT', side: 'LONG', order_type: 'LIMIT', limit_price: 99, target_size: 1, leverage: 1, exit_leg_ratios: [1] } });
  s.req({ op: 'venue_event', event: { kind: 'ORDER_REJECTED', event_id: 'HE-new', ts: 1301, slot_id: 2, trade_id: 'H2', order_id: 'H2#5' } }); // ORDER_REJECTED (the slot's fifth order)
}

function buildSessionA(s: Script): void {
  s.raw('{"op":"snapshot","seq":0}');
  s.req({ op: 'hello', protocol_version: '2.0' });
  s.req({ op: 'configure', config: CONFIG });
  s.req({ op: 'hello', protocol_version: '1.0', client: 'parity smoke' });
  s.req({ op: 'snapshot' });
  s.raw(JSON.stringify({ op: 'snapshot', seq: s.seq }));
  s.raw(JSON.stringify({ op: 'snapshot', seq: s.seq - 1 }));
  s.req({ op: 'configure', config: CONFIG });
  scriptedTrade(s);
  // scriptedTrade placed H#1..H#4 and H2#5 on slot 2.
  const state: ScriptState = { trades: [1, 1, 1], placed: [0, 0, 5, 0] };
  for (let i = 0; i < 260; i++) {
    const step = randomStep(s, state);
    const roll = s.random();
    if (roll < 0.12) s.req(mutate(s, step));
    else if (roll < 0.17) s.raw(s.pick(BAD_LINES));
    else s.req(step);
  }
  for (const bad of BAD_LINES) s.raw(bad);
  s.req({ op: 'snapshot' });
}

function buildSessionB(s: Script, snapshot: unknown): void {
  s.req({ op: 'hello', protocol_version: '1.7' });
  s.req({ op: 'restore', snapshot });
  const slots = (snapshot as { slots: Array<{ orders_placed: number }> }).slots;
  const state: ScriptState = { trades: [5, 5, 5], placed: slots.map((x) => x.orders_placed) };
  for (let i = 0; i < 80; i++) s.req(randomStep(s, state));
  const broken = structuredClone(snapshot) as { slots: Array<{ slot_id: number }> };
  if (broken.slots[1] !== undefined) broken.slots[1].slot_id = 2;
  s.req({ op: 'restore', snapshot: broken });
  s.req({ op: 'reset' });
  s.req({ op: 'configure', config: { ...CONFIG, control: { mode: 'live', verbosity: 'NORMAL' } } });
  const enter = { action: 'ENTER', intent_id: 'L1', ts: 1, slot_id: 0, trade_id: 'L', asset: 'BTC-USDT', side: 'LONG', order_type: 'MARKET', target_size: 1, leverage: 2, exit_leg_ratios: [1] };
  s.req({ op: 'intent', intent: enter });
  s.req({ op: 'account_event', event: { kind: 'ACCOUNT_UPDATE', seq: 1, ts: 2, wallet_balance: 10_000, available_margin: 1, used_margin: 0, maint_margin: 0 } });
  s.req({ op: 'intent', intent: enter });
  s.req({ op: 'bye' });
  s.req({ op: 'snapshot' });
}

/** Which outcome and error codes a run exercised, so the script cannot silently go trivial. */
function codesOf(run: Run): { outcomes: Set<string>; errors: Set<string>; accepted: number } {
  const outcomes = new Set<string>();
  const errors = new Set<string>();
  let accepted = 0;
  for (const line of run.lines) {
    const r = JSON.parse(line) as { op: string; error?: { code: string }; result?: { outcome: { code: string; accepted: boolean } } };
    if (r.error !== undefined) errors.add(r.error.code);
    if (r.result !== undefined) {
      outcomes.add(r.result.outcome.code);
      if (r.result.outcome.accepted) accepted += 1;
    }
  }
  return { outcomes, errors, accepted };
}

function expectParity(label: string, ts: Run, rust: Run, lines: number): void {
  expect(rust.code, `${label}: rust exit code (stderr: ${rust.stderr})`).toBe(0);
  expect(ts.code, `${label}: ts exit code (stderr: ${ts.stderr})`).toBe(0);
  expect(ts.lines.length, `${label}: ts answered every line`).toBeGreaterThan(lines - 3);
  expect(rust.lines.length, `${label}: same number of responses`).toBe(ts.lines.length);
  for (let i = 0; i < ts.lines.length; i++) {
    const a = comparable(ts.lines[i] as string);
    const b = comparable(rust.lines[i] as string);
    if (a !== b) expect.fail(`${label}: response ${i + 1} differs\n  ts:   ${a}\n  rust: ${b}`);
  }
}

describe('parity smoke: TypeScript server vs Rust binary', () => {
  it('the Rust binary exists (built by the global setup)', () => {
    expect(existsSync(RUST_KERNEL_BIN), `${RUST_KERNEL_BIN} is missing: run pnpm rust:build`).toBe(true);
  });

  it('agrees on a few hundred scripted steps, refusals and bad lines, and after a restore', async () => {
    const a = new Script(rng(20261121));
    buildSessionA(a);
    const [tsA, rustA] = await Promise.all([runTs(a.bytes()), runRust(a.bytes())]);
    expectParity('session A', tsA, rustA, a.count);
    expect(a.count).toBeGreaterThan(250);

    const last = JSON.parse(tsA.lines.at(-1) as string) as { op: string; snapshot?: unknown };
    expect(last.op).toBe('snapshot');
    const b = new Script(rng(7));
    buildSessionB(b, last.snapshot);
    const [tsB, rustB] = await Promise.all([runTs(b.bytes()), runRust(b.bytes())]);
    expectParity('session B', tsB, rustB, b.count);
    const codes = codesOf({ ...tsA, lines: [...tsA.lines, ...tsB.lines] });
    expect(codes.accepted, 'accepted steps').toBeGreaterThan(40);
    expect([...codes.outcomes].sort(), 'outcome codes exercised').toEqual(expect.arrayContaining(['OK', 'RECONCILED', 'SLOT_BUSY', 'TRADE_ID_MISMATCH', 'DUPLICATE_EVENT', 'UNKNOWN_ORDER', 'INVALID_SLOT_ID', 'STALE_STATE_RECONCILING', 'MODE_FORBIDDEN', 'OVERFILL_CLAMPED', 'EXIT_SIZE_CLAMPED', 'ORDER_REJECTED', 'EXIT_ORDER_REJECTED', 'CANCEL_REJECTED', 'RATE_LIMITED', 'NO_ACTIVE_ORDER', 'ILLEGAL_TRANSITION', 'INVALID_INTENT', 'INVALID_REQUEST']));
    expect([...codes.errors].sort(), 'error codes exercised').toEqual(expect.arrayContaining(['SCHEMA_VIOLATION', 'INVALID_JSON', 'EMPTY_LINE', 'INVALID_UTF8', 'DEPTH_LIMIT_EXCEEDED', 'NUMBER_OUT_OF_RANGE', 'FORBIDDEN_KEY', 'HANDSHAKE_REQUIRED', 'UNSUPPORTED_PROTOCOL_VERSION', 'DUPLICATE_SEQ', 'SEQ_OUT_OF_ORDER', 'NOT_CONFIGURED']));
    console.log(`parity smoke: ${tsA.lines.length + tsB.lines.length} responses, ${codes.accepted} accepted steps; outcomes ${[...codes.outcomes].sort().join(' ')}; errors ${[...codes.errors].sort().join(' ')}`);
    // Nothing after bye is answered.
    expect(rustB.lines.length).toBe(b.count - 1);
  });

  it('agrees on a line longer than line_bytes_max and answers the next line', async () => {
    const long = Buffer.concat([Buffer.from('{"pad":"'), Buffer.alloc(8 * 1024 * 1024, 0x61), Buffer.from('"}\n{"op":"hello","seq":1,"protocol_version":"1.0"}\n')]);
    const [ts, rust] = await Promise.all([runTs(long), runRust(long)]);
    expectParity('long line', ts, rust, 2);
    expect(JSON.parse(rust.lines[0] as string).error.code).toBe('LINE_TOO_LONG');
  });
});
