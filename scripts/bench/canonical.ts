/**
 * Bench section `canonical`: canonical JSON (RFC 8785) throughput against JSON.stringify on a
 * typical execution step result (a partial fill: two transitions, one slot with its entry
 * order and a few seen event ids), and the strict parser against JSON.parse.
 */
import canonicalizePackage from 'canonicalize';
import { canonicalize, parseJson } from '../../src/canonical/index.js';
import type { BenchContext, BenchSection } from './kit/types.js';
import { opsPerSecond } from './kit/measure.js';

/** A step result shaped like the kernel's (see schemas/execution_step_result.schema.json). */
export function sampleStepResult(): unknown {
  const order = {
    order_id: 'T-000042#1',
    role: 'ENTRY',
    order_side: 'BUY',
    order_type: 'LIMIT',
    limit_price: 64123.5,
    intended_size: 0.25,
    filled_size: 0.1,
    avg_fill_price: 64120.25,
    status: 'PARTIALLY_FILLED',
    venue_order_id: 'V-9f3a71',
  };
  return {
    step: 1234,
    outcome: {
      accepted: true,
      code: 'OK',
      severity: 'INFO',
      details: {},
      transitions: [
        {
          machine: 'ORDER', slot_id: 3, cause_id: 'ev-0007', trigger: 'PARTIAL_FILL', ts: 1_700_000_123_456,
          mode: 'backtest', trade_id: 'T-000042', order_id: 'T-000042#1', role: 'ENTRY',
          from: 'ACKED', to: 'PARTIALLY_FILLED', filled_size: 0.1, fill_price: 64120.25, fill_size: 0.1,
        },
        {
          machine: 'SLOT', slot_id: 3, cause_id: 'ev-0007', trigger: 'PARTIAL_FILL', ts: 1_700_000_123_456,
          mode: 'backtest', trade_id: 'T-000042', from: 'ENTRY_WORKING', to: 'ENTRY_WORKING',
        },
      ],
    },
    actions: [],
    slots: [
      {
        slot_id: 3, stage: 'ENTRY_WORKING', trade_id: 'T-000042', asset: 'BTC-PERP', side: 'LONG', leverage: 5,
        exit_leg_ratios: [0.5, 0.3, 0.2], active_leg_index: 0, size: 0.1, initial_size: 0, entry_price: 64120.25,
        mark_price: 64130.75, realized_pnl: 0, unrealized_pnl: 1.05, fees_paid: 1.2824050000000001,
        orders_placed: 1, entry_order: order,
        seen_event_ids: ['ev-0001', 'ev-0002', 'ev-0003', 'ev-0004', 'ev-0005', 'ev-0006', 'ev-0007'],
        last_event_ts: 1_700_000_123_456,
      },
    ],
  };
}

export async function run(ctx: BenchContext): Promise<BenchSection> {
  const value = sampleStepResult();
  const canonical = canonicalize(value);
  if (canonicalizePackage(value) !== canonical) throw new Error('canonical bench: this canonicalize and the npm package disagree on the sample');
  const windowMs = ctx.windowMs;
  const stringify = opsPerSecond(() => JSON.stringify(value), { windowMs });
  const ours = opsPerSecond(() => canonicalize(value), { windowMs });
  const pkg = opsPerSecond(() => canonicalizePackage(value), { windowMs });
  const guarded = opsPerSecond(() => canonicalizePackage(guardWalk(value)), { windowMs });
  const parse = opsPerSecond(() => JSON.parse(canonical), { windowMs });
  const strict = opsPerSecond(() => parseJson(canonical), { windowMs });
  const bytes = Buffer.byteLength(canonical);
  const mb = (ops: number): string => `${((ops * bytes) / 1e6).toFixed(1)} MB/s`;
  return {
    title: `Canonical JSON (RFC 8785) on a ${bytes}-byte step result`,
    rows: [
      { name: 'JSON.stringify (not canonical)', value: stringify, unit: 'ops/s', note: mb(stringify) },
      { name: 'canonicalize', value: ours, unit: 'ops/s', note: mb(ours) },
      { name: 'npm canonicalize 4.0.0 (no extra checks)', value: pkg, unit: 'ops/s', note: mb(pkg) },
      { name: 'npm canonicalize + a checking walk', value: guarded, unit: 'ops/s', note: 'the alternative to the single pass' },
      { name: 'JSON.parse', value: parse, unit: 'ops/s', note: mb(parse) },
      { name: 'parseJson (strict)', value: strict, unit: 'ops/s', note: mb(strict) },
    ],
    ratios: [
      { name: 'canonicalize / JSON.stringify', value: ours / stringify, note: 'throughput ratio' },
      { name: 'canonicalize / npm canonicalize', value: ours / pkg },
      { name: 'canonicalize / (npm + checking walk)', value: ours / guarded },
      { name: 'parseJson / JSON.parse', value: strict / parse },
    ],
  };
}

/**
 * What the package would need in front of it to refuse what this project refuses, with
 * paths: one extra walk over the value. Measured only to justify the single pass.
 */
function guardWalk(value: unknown, path: Array<string | number> = [], depth = 0): unknown {
  switch (typeof value) {
    case 'number':
      if (!Number.isFinite(value) || (Math.abs(value) > Number.MAX_SAFE_INTEGER && Math.abs(value) < 1e21)) throw new Error(`bad number at ${path.join('/')}`);
      return value;
    case 'string':
    case 'boolean':
      return value;
    case 'object': {
      if (value === null) return value;
      if (depth > 64) throw new Error('too deep');
      if (Array.isArray(value)) {
        value.forEach((item, i) => {
          path.push(i);
          if (item === undefined) throw new Error('undefined');
          guardWalk(item, path, depth + 1);
          path.pop();
        });
        return value;
      }
      const proto: unknown = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) throw new Error('not plain');
      for (const [key, item] of Object.entries(value)) {
        path.push(key);
        if (item === undefined) throw new Error('undefined');
        guardWalk(item, path, depth + 1);
        path.pop();
      }
      return value;
    }
    default:
      throw new Error(`not JSON at ${path.join('/')}`);
  }
}
