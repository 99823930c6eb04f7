import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validate } from '../../src/contracts/index.js';
import { answerLine, CAPABILITIES, Session } from '../../src/protocol/index.js';
import { CONFIG, runKernel } from './kernel-process.js';

const IMPL = { name: 'lockstep', version: 'test', language: 'typescript' };

/** Feed lines to an in-process session; every response must be a valid ProtocolResponse. */
function converse(lines: string[], session = new Session(IMPL)): Array<Record<string, any>> {
  return lines.map((line, i) => {
    const text = answerLine(session, line, i + 1);
    expect(text.endsWith('\n')).toBe(true);
    const r = JSON.parse(text) as Record<string, any>;
    const checked = validate('ProtocolResponse', r);
    expect(checked.ok, text).toBe(true);
    return r;
  });
}

const hello = (seq: number, v = '1.0') => JSON.stringify({ op: 'hello', seq, protocol_version: v });
const configure = (seq: number) => JSON.stringify({ op: 'configure', seq, config: CONFIG });

describe('handshake, configuration and seq', () => {
  it('refuses any op before hello, and an unsupported major', () => {
    const [a, b, c, d] = converse([JSON.stringify({ op: 'snapshot', seq: 0 }), hello(1, '2.0'), JSON.stringify({ op: 'bye', seq: 2 }), hello(3, '1.7')]);
    expect(a).toMatchObject({ op: 'error', seq: 0, error: { code: 'HANDSHAKE_REQUIRED', category: 'protocol', path: '', line: 1 } });
    expect(b).toMatchObject({ op: 'error', seq: 1, error: { code: 'UNSUPPORTED_PROTOCOL_VERSION', path: '/protocol_version' } });
    expect(c).toMatchObject({ error: { code: 'HANDSHAKE_REQUIRED' } });
    expect(d).toMatchObject({ op: 'hello', seq: 3, protocol_version: '1.0', capabilities: [...CAPABILITIES], implementation: IMPL });
  });

  it('capabilities are sorted and a later hello changes nothing', () => {
    expect([...CAPABILITIES].sort()).toEqual(CAPABILITIES);
    const r = converse([hello(1), configure(2), hello(3), JSON.stringify({ op: 'snapshot', seq: 4 })]);
    expect(r[2]).toMatchObject({ op: 'hello', seq: 3 });
    expect(r[3]).toMatchObject({ op: 'snapshot', snapshot: { step: 0 } });
  });

  it('needs configure or restore before kernel steps, snapshot and reset; not before bye', () => {
    const r = converse([hello(1), JSON.stringify({ op: 'reset', seq: 2 }), JSON.stringify({ op: 'mark_price', seq: 3, asset: 'A', price: 1, ts: 1 }), JSON.stringify({ op: 'bye', seq: 4 })]);
    expect(r[1]).toMatchObject({ error: { code: 'NOT_CONFIGURED', path: '' } });
    expect(r[2]).toMatchObject({ error: { code: 'NOT_CONFIGURED' } });
    expect(r[3]).toEqual({ op: 'bye', seq: 4, step: 0 });
  });

  it('a request passing the seq checks becomes the last seq even when refused later', () => {
    const r = converse([JSON.stringify({ op: 'snapshot', seq: 5 }), hello(5), hello(4), hello(6)]);
    expect(r[0]).toMatchObject({ error: { code: 'HANDSHAKE_REQUIRED' } });
    expect(r[1]).toMatchObject({ error: { code: 'DUPLICATE_SEQ', path: '/seq' } });
    expect(r[2]).toMatchObject({ error: { code: 'SEQ_OUT_OF_ORDER', path: '/seq' } });
    expect(r[3]).toMatchObject({ op: 'hello', seq: 6 });
  });

  it('echoes seq on errors only when it is a safe non-negative integer of a parsed object', () => {
    const r = converse(['{"op":"nope","seq":1.0}', '{"op":"nope","seq":-1}', '{"op":"nope","seq":1.5}', '[1]', '{"seq":9007199254740992}', 'nope']);
    expect(r[0]).toMatchObject({ seq: 1, error: { code: 'SCHEMA_VIOLATION', path: '', keyword: 'discriminator' } });
    for (const x of r.slice(1)) expect(x['seq']).toBeUndefined();
  });

  it('configure, step, snapshot, reset, restore and bye answer with the state', () => {
    const enter = { action: 'ENTER', intent_id: 'i', ts: 1, slot_id: 1, trade_id: 'T', asset: 'A', side: 'LONG', order_type: 'MARKET', target_size: 1, leverage: 1, exit_leg_ratios: [1] };
    const r = converse([hello(1), configure(2), JSON.stringify({ op: 'intent', seq: 3, intent: enter }), JSON.stringify({ op: 'snapshot', seq: 4 })]);
    expect(r[1]).toEqual({ op: 'configure', seq: 2, slot_count: 4, step: 0, control: CONFIG.control });
    expect(r[2]).toMatchObject({ op: 'intent', seq: 3, result: { step: 1, outcome: { code: 'OK' } } });
    const snap = r[3]?.['snapshot'];
    const more = converse([hello(1), JSON.stringify({ op: 'restore', seq: 2, snapshot: snap }), JSON.stringify({ op: 'reset', seq: 3 }), JSON.stringify({ op: 'calibrate_fee', seq: 4, fill_price: 1, fill_size: 1, order_type: 'LIMIT', actual_fee: 0.0002 }), JSON.stringify({ op: 'bye', seq: 5 })]);
    expect(more[1]).toEqual({ op: 'restore', seq: 2, slot_count: 4, step: 1, control: CONFIG.control });
    expect(more[2]).toEqual({ op: 'reset', seq: 3, slot_count: 4, step: 0, control: CONFIG.control });
    expect(more[3]).toMatchObject({ op: 'calibrate_fee', result: { step: 1, fee_calibration: { status: 'OK', samples: 1 } } });
    expect(more[4]).toEqual({ op: 'bye', seq: 5, step: 1 });
  });

  it('a restore whose slots disagree with slot_count is refused and changes nothing', () => {
    const session = new Session(IMPL);
    const r = converse([hello(1), configure(2), JSON.stringify({ op: 'snapshot', seq: 3 })], session);
    const snap = r[2]?.['snapshot'] as { slots: unknown[] };
    const broken = { ...snap, slots: snap.slots.slice(1) };
    const [bad, again] = converse([JSON.stringify({ op: 'restore', seq: 4, snapshot: broken }), JSON.stringify({ op: 'snapshot', seq: 5 })], session);
    expect(bad).toMatchObject({ op: 'error', seq: 4, error: { code: 'SCHEMA_VIOLATION', path: '/snapshot/slots', keyword: 'consistency' } });
    expect(again?.['snapshot']).toEqual(snap);
  });
});

describe('the process edge', () => {
  it('exits 0 at end of input and answers an unterminated last line', async () => {
    const run = await runKernel(Buffer.from(`${hello(1)}\n${JSON.stringify({ op: 'bye', seq: 2 })}`));
    expect(run.code).toBe(0);
    expect(run.responses.map((r) => r['op'])).toEqual(['hello', 'bye']);
    const empty = await runKernel(Buffer.alloc(0));
    expect(empty).toMatchObject({ code: 0, raw: '' });
  });

  it('answers each line as it arrives: a peer that waits for every response never waits forever', async () => {
    const root = fileURLToPath(new URL('../../', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'kernel'], { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] });
    let buffered = '';
    const next = (): Promise<Record<string, unknown>> =>
      new Promise((resolve) => {
        const check = (): void => {
          const nl = buffered.indexOf('\n');
          if (nl === -1) return;
          const line = buffered.slice(0, nl);
          buffered = buffered.slice(nl + 1);
          child.stdout.off('data', onData);
          resolve(JSON.parse(line) as Record<string, unknown>);
        };
        const onData = (b: Buffer): void => {
          buffered += b.toString('utf8');
          check();
        };
        child.stdout.on('data', onData);
        check();
      });
    child.stdin.write(`${hello(1)}\n`);
    expect(await next()).toMatchObject({ op: 'hello' });
    child.stdin.write(`${configure(2)}\r\n`);
    expect(await next()).toMatchObject({ op: 'configure' });
    child.stdin.write('{"op":"snap');
    child.stdin.write('shot","seq":3}\n');
    expect(await next()).toMatchObject({ op: 'snapshot' });
    child.stdin.write(`${JSON.stringify({ op: 'bye', seq: 4 })}\n`);
    expect(await next()).toMatchObject({ op: 'bye' });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
  });

  it('with LOCKSTEP_DEBUG_INVARIANTS=1 every step is checked (an honest session passes)', async () => {
    const enter = { action: 'ENTER', intent_id: 'i', ts: 1, slot_id: 0, trade_id: 'T', asset: 'A', side: 'LONG', order_type: 'MARKET', target_size: 1, leverage: 1, exit_leg_ratios: [1] };
    const fill = { kind: 'FILL', event_id: 'e', ts: 2, slot_id: 0, trade_id: 'T', order_id: 'T#1', price: 5, size: 1 };
    const input = [hello(1), configure(2), JSON.stringify({ op: 'intent', seq: 3, intent: enter }), JSON.stringify({ op: 'venue_event', seq: 4, event: fill })].join('\n');
    const run = await runKernel(Buffer.from(`${input}\n`), 60_000, { LOCKSTEP_DEBUG_INVARIANTS: '1' });
    expect(run.responses.map((r) => r['op'])).toEqual(['hello', 'configure', 'intent', 'venue_event']);
  });
});
