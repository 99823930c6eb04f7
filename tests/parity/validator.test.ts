// Validator parity: the Rust binary's generated schema validator finds the same first error
// (keyword and JSON pointer) as the TypeScript validator (ajv, src/contracts) on a few thousand
// requests broken in one or two places. The lines go to a fresh Rust server: the schema check
// (8) comes before seq and handshake (9-12), so a SCHEMA_VIOLATION answer carries the Rust
// verdict and any other answer means "valid".
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { rng } from '../support/rng.js';
import { validate } from '../../src/contracts/index.js';
import { RUST_KERNEL_BIN } from '../../src/harness/rust-kernel-build.js';

const CONFIG = {
  slot_count: 2,
  seed_capital: 1000,
  seen_event_ids_max: 8,
  reconcile_tolerance: 0.01,
  exchange: { taker_rate: 0.0005, maker_rate: 0.0002, fee_calibration_alpha: 0.1 },
  control: { mode: 'backtest', verbosity: 'NORMAL' },
};
const SLOT = {
  slot_id: 0, stage: 'POSITION_OPEN', trade_id: 'T', asset: 'BTC', side: 'LONG', leverage: 2, exit_leg_ratios: [0.5, 0.5], active_leg_index: 0,
  size: 1, initial_size: 1, entry_price: 100, mark_price: 101, realized_pnl: 0, unrealized_pnl: 1, fees_paid: 0.05, orders_placed: 1,
  entry_order: { order_id: 'T#1', role: 'ENTRY', order_side: 'BUY', order_type: 'LIMIT', limit_price: 100, intended_size: 1, filled_size: 1, avg_fill_price: 100, status: 'FILLED', venue_order_id: 'V' },
  seen_event_ids: ['a', 'b'], last_event_ts: 5,
};
const ACCOUNT = {
  seed_capital: 1000, k_realized_pnl: 0, k_fees_paid: 0, k_funding_paid: 0, k_capital: 1000, e_wallet_balance: 0, e_available_margin: 0, e_used_margin: 0,
  e_maint_margin: 0, e_fees_paid: 0, e_realized_pnl: 0, e_funding_paid: 0, event_seq: 0, reconcile_status: 'UNKNOWN', reconcile_delta: 0,
  reconcile_explanation: 'x', fee_samples: 0, fee_ratio_ema: 0,
};

/** One valid request of every op but bye (a valid bye would end the session). */
const BASES: Array<Record<string, unknown>> = [
  { op: 'hello', seq: 1, protocol_version: '1.0', client: 'c' },
  { op: 'configure', seq: 1, config: CONFIG },
  { op: 'intent', seq: 1, intent: { action: 'ENTER', intent_id: 'i', ts: 1, slot_id: 0, trade_id: 'T', asset: 'BTC-USDT', side: 'LONG', order_type: 'LIMIT', target_size: 1, limit_price: 100, leverage: 2, exit_leg_ratios: [0.5, 0.5], reason: 'r' } },
  { op: 'intent', seq: 1, intent: { action: 'EXIT', intent_id: 'i', ts: 1, slot_id: 0, trade_id: 'T', order_type: 'MARKET' } },
  { op: 'intent', seq: 1, intent: { action: 'CANCEL', intent_id: 'i', ts: 1, slot_id: 0, trade_id: 'T' } },
  { op: 'venue_event', seq: 1, event: { kind: 'PARTIAL_FILL', event_id: 'e', ts: 1, slot_id: 0, trade_id: 'T', order_id: 'T#1', price: 100, size: 1 } },
  { op: 'venue_event', seq: 1, event: { kind: 'RATE_LIMITED', event_id: 'e', ts: 1, slot_id: 0, trade_id: 'T', order_id: 'T#1', retry_after_ms: 5 } },
  { op: 'venue_event', seq: 1, event: { kind: 'ORDER_ACK', event_id: 'e', ts: 1, slot_id: 0, trade_id: 'T', order_id: 'T#1', venue_order_id: 'v' } },
  { op: 'account_event', seq: 1, event: { kind: 'ACCOUNT_UPDATE', seq: 1, ts: 1, wallet_balance: 1, available_margin: 1, used_margin: 1, maint_margin: 1 } },
  { op: 'account_event', seq: 1, event: { kind: 'FUNDING_FEE', seq: 1, ts: 1, asset: 'BTC', amount: -1 } },
  { op: 'mark_price', seq: 1, asset: 'BTC', price: 1, ts: 1 },
  { op: 'reconcile', seq: 1, reconcile_id: 'r', ts: 1, slots: [{ slot_id: 0, trade_id: 'T', asset: 'BTC', position: { side: 'SHORT', size: 1, entry_price: 2 } }] },
  { op: 'calibrate_fee', seq: 1, fill_price: 1, fill_size: 1, order_type: 'MARKET', actual_fee: 0 },
  { op: 'snapshot', seq: 1 },
  { op: 'reset', seq: 1 },
  { op: 'restore', seq: 1, snapshot: { snapshot_version: 'lockstep.core_snapshot.v1', config: CONFIG, step: 3, slots: [SLOT, { ...SLOT, slot_id: 1 }], account: ACCOUNT } },
];

const VALUES: unknown[] = ['x', '', ' sp', 'é'.repeat(130), 'ENTER', 'FILL', 'hello', 'bye', -1, 0, -0, 0.5, 1, 1.5, 1024, 1e15, 1e300, 2 ** 53, null, true, [], [1], {}, { a: 1 }];
const KEYS = ['zz', 'a', 'A', '~x/y', 'ü', '\u{1F600}', '\uFB33'];

function mutateOnce(random: () => number, value: Record<string, unknown>): void {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const containers: Array<Record<string, unknown> | unknown[]> = [];
  const collect = (v: unknown): void => {
    if (typeof v !== 'object' || v === null) return;
    containers.push(v as Record<string, unknown>);
    for (const child of Array.isArray(v) ? v : Object.values(v)) collect(child);
  };
  collect(value);
  const target = pick(containers);
  if (Array.isArray(target)) {
    const roll = random();
    if (roll < 0.3) target.push(structuredClone(pick(VALUES)));
    else if (roll < 0.5) target.length = 0;
    else if (target.length > 0) target[Math.floor(random() * target.length)] = structuredClone(pick(VALUES));
    return;
  }
  const keys = Object.keys(target);
  const roll = random();
  if (roll < 0.25 && keys.length > 0) delete target[pick(keys)];
  else if (roll < 0.45) target[pick(KEYS)] = structuredClone(pick(VALUES));
  else if (keys.length > 0) target[pick(keys)] = structuredClone(pick(VALUES));
}

describe('validator parity (Rust generated validator vs ajv)', () => {
  it('finds the same first error on thousands of broken requests', () => {
    const random = rng(4242);
    const cases: Array<{ line: string; expected: string }> = [];
    for (let i = 0; i < 3000; i++) {
      const value = structuredClone(BASES[i % BASES.length]) as Record<string, unknown>;
      const rounds = 1 + Math.floor(random() * 2);
      for (let r = 0; r < rounds; r++) mutateOnce(random, value);
      if (value['op'] === 'bye') continue;
      const checked = validate('ProtocolRequest', value);
      const first = checked.ok ? undefined : checked.errors[0];
      cases.push({ line: JSON.stringify(value), expected: first === undefined ? 'valid' : `${first.keyword} ${first.path}` });
    }
    const input = Buffer.from(cases.map((c) => `${c.line}\n`).join(''));
    const run = spawnSync(RUST_KERNEL_BIN, [], { input, maxBuffer: 1 << 28 });
    expect(run.error, `${RUST_KERNEL_BIN} could not start`).toBeUndefined();
    expect(run.status).toBe(0);
    const lines = run.stdout.toString('utf8').trimEnd().split('\n');
    expect(lines.length).toBe(cases.length);
    let invalid = 0;
    lines.forEach((line, i) => {
      const r = JSON.parse(line) as { error?: { code: string; keyword?: string; path: string } };
      const actual = r.error?.code === 'SCHEMA_VIOLATION' ? `${r.error.keyword ?? ''} ${r.error.path}` : 'valid';
      if (actual !== 'valid') invalid += 1;
      if (actual !== cases[i]?.expected) expect.fail(`line ${i + 1}: ajv ${cases[i]?.expected}, rust ${actual}\n  ${cases[i]?.line}`);
    });
    expect(invalid).toBeGreaterThan(1500);
  });
});
