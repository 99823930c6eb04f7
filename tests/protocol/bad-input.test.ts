// The bad-input list of the TypeScript engine's issue, each through the real process: a
// precise error or diagnostic, no state change on refusal (snapshot bytes equal before and
// after), no crash, no hang.
import { beforeAll, describe, expect, it } from 'vitest';
import { assertResponsesValid, CONFIG, runKernel, Script, type ProcessRun } from './kernel-process.js';

const ENTER = { action: 'ENTER', intent_id: 'i1', ts: 1, slot_id: 0, trade_id: 'T1', asset: 'BTC', side: 'LONG', order_type: 'MARKET', target_size: 2, leverage: 3, exit_leg_ratios: [0.5, 0.5] };

interface Case {
  readonly name: string;
  readonly index: number;
  /** Snapshot response index before and after the case. */
  readonly before: number;
  readonly after: number;
  readonly expect: Record<string, unknown>;
  /** A kernel refusal moves the step counter; compare snapshots without it. */
  readonly kernelStep: boolean;
}

const script = new Script();
const cases: Case[] = [];
let snapshotIndex = -1;

function snapshot(): number {
  snapshotIndex = script.req({ op: 'snapshot' });
  return snapshotIndex;
}

function bad(name: string, send: () => number, expectation: Record<string, unknown>, kernelStep = false): void {
  const before = snapshotIndex;
  const index = send();
  const after = snapshot();
  cases.push({ name, index, before, after, expect: expectation, kernelStep });
}

function intentLine(seq: number, intent: Record<string, unknown>, raw?: (json: string) => string): string {
  const json = JSON.stringify({ op: 'intent', seq, intent });
  return raw === undefined ? json : raw(json);
}

script.req({ op: 'hello', protocol_version: '1.0' });
script.req({ op: 'configure', config: CONFIG });
snapshot();

bad('1e400 where a number is expected', () => { const seq = script.nextSeq(); return script.raw(intentLine(seq, ENTER, (j) => j.replace('"target_size":2', '"target_size":1e400'))); },
  { op: 'error', error: { code: 'NUMBER_OUT_OF_RANGE', category: 'syntax', path: '' } });
bad('NaN literal', () => { const seq = script.nextSeq(); return script.raw(intentLine(seq, ENTER, (j) => j.replace('"target_size":2', '"target_size":NaN'))); },
  { op: 'error', error: { code: 'INVALID_JSON', category: 'syntax', path: '' } });
bad('-Infinity literal', () => { const seq = script.nextSeq(); return script.raw(intentLine(seq, ENTER, (j) => j.replace('"leverage":3', '"leverage":-Infinity'))); },
  { op: 'error', error: { code: 'INVALID_JSON', category: 'syntax', path: '' } });
bad('-0 size', () => { const seq = script.nextSeq(); return script.raw(intentLine(seq, ENTER, (j) => j.replace('"target_size":2', '"target_size":-0'))); },
  { op: 'error', error: { code: 'SCHEMA_VIOLATION', category: 'schema', path: '/intent/target_size', keyword: 'exclusiveMinimum' } });
bad('zero size', () => script.req({ op: 'intent', intent: { ...ENTER, target_size: 0 } }),
  { op: 'error', error: { code: 'SCHEMA_VIOLATION', path: '/intent/target_size', keyword: 'exclusiveMinimum' } });
bad('negative size', () => script.req({ op: 'intent', intent: { ...ENTER, target_size: -2 } }),
  { op: 'error', error: { code: 'SCHEMA_VIOLATION', path: '/intent/target_size', keyword: 'exclusiveMinimum' } });
bad('negative limit price', () => script.req({ op: 'intent', intent: { ...ENTER, order_type: 'LIMIT', limit_price: -1 } }),
  { op: 'error', error: { code: 'SCHEMA_VIOLATION', path: '/intent/limit_price', keyword: 'exclusiveMinimum' } });
bad('exit-leg ratio above 1', () => script.req({ op: 'intent', intent: { ...ENTER, exit_leg_ratios: [1.5] } }),
  { op: 'error', error: { code: 'SCHEMA_VIOLATION', path: '/intent/exit_leg_ratios/0', keyword: 'maximum' } });
bad('exit-leg ratio of 0', () => script.req({ op: 'intent', intent: { ...ENTER, exit_leg_ratios: [0.5, 0] } }),
  { op: 'error', error: { code: 'SCHEMA_VIOLATION', path: '/intent/exit_leg_ratios/1', keyword: 'exclusiveMinimum' } });
bad('exit-leg ratios summing past 1', () => script.req({ op: 'intent', intent: { ...ENTER, exit_leg_ratios: [0.6, 0.6] } }),
  { op: 'intent', result: { outcome: { accepted: false, code: 'INVALID_INTENT', details: { field: 'exit_leg_ratios', value: '1.2' } } } }, true);
bad('slot id out of the configured range', () => script.req({ op: 'intent', intent: { ...ENTER, slot_id: 7 } }),
  { op: 'intent', result: { outcome: { accepted: false, code: 'INVALID_SLOT_ID', details: { field: 'slot_id', value: '7' } }, slots: [] } }, true);
bad('slot id beyond the schema', () => script.req({ op: 'intent', intent: { ...ENTER, slot_id: 2000 } }),
  { op: 'error', error: { code: 'SCHEMA_VIOLATION', path: '/intent/slot_id', keyword: 'maximum' } });
bad('non-integer slot id', () => script.req({ op: 'intent', intent: { ...ENTER, slot_id: 1.5 } }),
  { op: 'error', error: { code: 'SCHEMA_VIOLATION', path: '/intent/slot_id', keyword: 'type' } });
bad('unknown field', () => script.req({ op: 'intent', intent: { ...ENTER, zeta: 1, bogus: true } }),
  { op: 'error', error: { code: 'SCHEMA_VIOLATION', category: 'schema', path: '/intent/bogus', keyword: 'additionalProperties' } });
bad('__proto__ key', () => { const seq = script.nextSeq(); return script.raw(intentLine(seq, ENTER, (j) => j.replace('"action"', '"__proto__":{"x":1},"action"'))); },
  { op: 'error', error: { code: 'FORBIDDEN_KEY', category: 'schema', path: '/intent/__proto__' } });
bad('constructor key, first in sorted order', () => { const seq = script.nextSeq(); return script.raw(`{"op":"snapshot","seq":${seq},"z":{"prototype":1},"constructor":{}}`); },
  { op: 'error', error: { code: 'FORBIDDEN_KEY', path: '/constructor' } });
bad('a 10 MB line', () => script.raw(Buffer.alloc(10 * 1024 * 1024, 0x61)),
  { op: 'error', error: { code: 'LINE_TOO_LONG', category: 'syntax', path: '' } });
bad('invalid UTF-8', () => script.raw(Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d])),
  { op: 'error', error: { code: 'INVALID_UTF8', category: 'syntax', path: '' } });
bad('an empty line', () => script.raw(''), { op: 'error', error: { code: 'EMPTY_LINE', category: 'syntax', path: '' } });
bad('a whitespace line', () => script.raw(' \t \r'), { op: 'error', error: { code: 'EMPTY_LINE', path: '' } });
bad('nesting deeper than 64', () => script.raw(`${'['.repeat(65)}${']'.repeat(65)}`), { op: 'error', error: { code: 'DEPTH_LIMIT_EXCEEDED', category: 'syntax', path: '' } });
bad('a lone surrogate escape', () => { const seq = script.nextSeq(); return script.raw(intentLine(seq, ENTER, (j) => j.replace('"T1"', '"T\\ud800"'))); },
  { op: 'error', error: { code: 'INVALID_JSON', path: '' } });
bad('duplicate seq', () => { const seq = script.nextSeq() - 1; return script.raw(`{"op":"snapshot","seq":${seq}}`); },
  { op: 'error', error: { code: 'DUPLICATE_SEQ', category: 'protocol', path: '/seq' } });
bad('seq out of order', () => script.raw('{"op":"snapshot","seq":1}'), { op: 'error', seq: 1, error: { code: 'SEQ_OUT_OF_ORDER', category: 'protocol', path: '/seq' } });

// The venue side: open a trade, then the bad events.
script.req({ op: 'intent', intent: ENTER });
const fill1 = { kind: 'PARTIAL_FILL', event_id: 'e1', ts: 2, slot_id: 0, trade_id: 'T1', order_id: 'T1#1', price: 100, size: 1 };
script.req({ op: 'venue_event', event: fill1 });
snapshot();
bad('a duplicate venue event', () => script.req({ op: 'venue_event', event: fill1 }),
  { op: 'venue_event', result: { outcome: { accepted: false, code: 'DUPLICATE_EVENT', details: { event_id: 'e1' } } } }, true);
bad('a fill for an order the kernel never sent', () => script.req({ op: 'venue_event', event: { ...fill1, event_id: 'e2', order_id: 'T1#9' } }),
  { op: 'venue_event', result: { outcome: { accepted: false, code: 'UNKNOWN_ORDER', details: { order_id: 'T1#9' } } } }, true);
bad('a fill of another trade', () => script.req({ op: 'venue_event', event: { ...fill1, event_id: 'e3', trade_id: 'T0' } }),
  { op: 'venue_event', result: { outcome: { accepted: false, code: 'TRADE_ID_MISMATCH', details: { expected: 'T1', value: 'T0' } } } }, true);
const overfill = script.req({ op: 'venue_event', event: { ...fill1, event_id: 'e4', size: 5 } });
script.req({ op: 'intent', intent: { action: 'EXIT', intent_id: 'x1', ts: 3, slot_id: 0, trade_id: 'T1', order_type: 'MARKET' } });
script.req({ op: 'venue_event', event: { ...fill1, kind: 'FILL', event_id: 'e5', order_id: 'T1#2', size: 1 } });
script.req({ op: 'intent', intent: { action: 'EXIT', intent_id: 'x2', ts: 4, slot_id: 0, trade_id: 'T1', order_type: 'MARKET' } });
const closing = script.req({ op: 'venue_event', event: { ...fill1, kind: 'FILL', event_id: 'e6', order_id: 'T1#3', size: 1 } });
const lateAck = script.req({ op: 'venue_event', event: { kind: 'ORDER_ACK', event_id: 'e7', ts: 9, slot_id: 0, trade_id: 'T1', order_id: 'T1#3' } });
const fillAfterClose = script.req({ op: 'venue_event', event: { ...fill1, event_id: 'e8', order_id: 'T1#3' } });
const afterStale = script.req({ op: 'venue_event', event: { ...fill1, event_id: 'e9', order_id: 'T1#3' } });
const byeIndex = script.req({ op: 'bye' });
script.raw('{"op":"snapshot","seq":999999}'); // never read: the process ended with bye

let run: ProcessRun;

beforeAll(async () => {
  run = await runKernel(script.bytes());
}, 120_000);

describe('lockstep kernel: bad input through the real process', () => {
  it('answers exactly one schema-valid line per line up to bye, then exits 0', () => {
    expect(run.code).toBe(0);
    expect(run.responses).toHaveLength(byeIndex + 1);
    assertResponsesValid(run);
    expect(run.responses[byeIndex]).toMatchObject({ op: 'bye' });
  });

  it('numbers every error response by its line', () => {
    for (const c of cases) {
      const r = run.responses[c.index] as { op: string; error?: { line: number } };
      if (r.op === 'error') expect(r.error?.line, c.name).toBe(c.index + 1);
    }
  });

  for (const c of cases) {
    it(`${c.name}: precise answer, state unchanged`, () => {
      expect(run.responses[c.index]).toMatchObject(c.expect);
      const before = JSON.parse(run.lines[c.before] as string) as { snapshot: Record<string, unknown> };
      const after = JSON.parse(run.lines[c.after] as string) as { snapshot: Record<string, unknown> };
      if (c.kernelStep) {
        expect((after.snapshot['step'] as number) - (before.snapshot['step'] as number)).toBe(1);
        expect(JSON.stringify({ ...after.snapshot, step: 0 })).toBe(JSON.stringify({ ...before.snapshot, step: 0 }));
      } else {
        expect(run.lines[c.after]?.replace(/"seq":\d+/, '')).toBe(run.lines[c.before]?.replace(/"seq":\d+/, ''));
      }
    });
  }

  it('a fill larger than the order is clamped (OVERFILL_CLAMPED, accepted)', () => {
    expect(run.responses[overfill]).toMatchObject({ result: { outcome: { accepted: true, code: 'OVERFILL_CLAMPED', details: { requested_size: 5, clamped_size: 1 } } } });
  });

  it('a late ack after CLOSED is a benign race; a fill after CLOSED puts the slot into STALE_STATE_RECONCILING', () => {
    expect(run.responses[closing]).toMatchObject({ result: { slots: [{ stage: 'CLOSED' }] } });
    expect(run.responses[lateAck]).toMatchObject({ result: { outcome: { accepted: true, code: 'LATE_ACK', transitions: [] }, slots: [{ stage: 'CLOSED' }] } });
    expect(run.responses[fillAfterClose]).toMatchObject({ result: { outcome: { accepted: true, code: 'STALE_STATE_RECONCILING', transitions: [{ from: 'CLOSED', to: 'STALE_STATE_RECONCILING', evidence: { order_status: 'FILLED' } }] } } });
    expect(run.responses[afterStale]).toMatchObject({ result: { outcome: { accepted: false, code: 'STALE_STATE_RECONCILING' } } });
  });
});
