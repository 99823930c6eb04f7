/**
 * Modes differ only through the mode policy table, and every difference is in the ledger.
 *
 * Every fixture of the corpus (fixtures/corpus and fixtures/regressions) and a set of
 * generated scenarios run in all four modes through the reference engine. Responses are
 * compared after removing the `mode` fields themselves (transitions, configure answers and
 * snapshots carry the mode by design), against a baseline mode that no ledger entry names.
 *
 * How a difference is attributed to a ledger entry (precisely, not "any difference in live
 * is fine"): the run in mode M differs from the baseline. For each accepted ledger entry E
 * listing M, the run is repeated with E's policy rule neutralised for M, i.e. the mode
 * policy lookup answers for M's `E.policy_field` the baseline mode's value (done by wrapping
 * `modeRule` of generated/ts/tables.ts, the one place the kernel reads the policy). If the
 * difference then disappears completely, it is E's. If no single entry explains it, all the
 * entries listing M are neutralised together; if the difference still remains, it is not in
 * the ledger and the test fails, naming the fixture, the mode, the step and the JSON path.
 * A difference caused by anything but the policy table (a stray `if (mode === 'live')`)
 * survives neutralisation, so it can never hide behind an entry.
 *
 * The ledger itself must be valid against its schema, every mode whose policy differs from
 * the baseline must be covered by an entry for that policy field, and every entry's `test`
 * (`<file>::<test name>`) must name an existing test.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import type { Fixture, KernelConfig, Mode } from '../../generated/ts/types.js';

const policy = vi.hoisted(() => ({ neutralised: new Set<string>(), baseline: 'backtest' as string }));

vi.mock('../../generated/ts/tables.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../generated/ts/tables.js')>();
  const modeRule = ((mode: Parameters<typeof real.modeRule>[0]) => {
    const rule = real.modeRule(mode);
    if (policy.neutralised.size === 0) return rule;
    const base = real.modeRule(policy.baseline as typeof mode) as unknown as Record<string, unknown>;
    const out: Record<string, unknown> = { ...rule };
    for (const key of Object.keys(out)) if (policy.neutralised.has(`${mode}:${key}`)) out[key] = base[key];
    return out as unknown as ReturnType<typeof real.modeRule>;
  }) as typeof real.modeRule;
  return { ...real, modeRule };
});

const { validate } = await import('../../src/contracts/index.js');
const { modePolicy } = await import('../../generated/ts/tables.js');
const { loadFixtures } = await import('../../src/harness/fixture-file.js');
const { runInProcessImplementation } = await import('../../src/harness/in-process-driver.js');
const { createReferenceSession } = await import('../../src/harness/reference-session.js');
const { placeFixture } = await import('../../src/harness/session-frame.js');
const { firstDifference } = await import('../../src/harness/first-difference.js');
const { scenarioArbitrary } = await import('../../src/fuzz/scenario-arbitrary.js');
const { scenarioFixture } = await import('../../src/fuzz/scenario-fixture.js');

const repo = join(import.meta.dirname, '../..');
const MODES: readonly Mode[] = ['backtest', 'paper', 'sandbox', 'live'];

interface LedgerEntry {
  id: string;
  policy_field: string;
  modes: Mode[];
  status: 'accepted' | 'retired';
  test: string;
}
const ledger = JSON.parse(readFileSync(join(repo, 'schemas/data/mode.ledger.json'), 'utf8')) as { entries: LedgerEntry[] };
const accepted = ledger.entries.filter((e) => e.status === 'accepted');
const baselineMode = MODES.find((m) => !accepted.some((e) => e.modes.includes(m)));
policy.baseline = baselineMode ?? 'backtest';

/** Rewrites every `control.mode` (config, configure requests, restored snapshots). */
function withMode<T>(value: T, mode: Mode): T {
  if (Array.isArray(value)) return value.map((v) => withMode(v, mode)) as T;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = k === 'control' && v !== null && typeof v === 'object' && 'mode' in v ? { ...(v as object), mode } : withMode(v, mode);
  }
  return out as T;
}

/** Drops every `mode` key: the field is expected to differ, nothing else is. */
function withoutMode(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutMode);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).filter(([k]) => k !== 'mode').map(([k, v]) => [k, withoutMode(v)]));
}

function run(fixtures: readonly Fixture[], mode: Mode, neutralise: readonly LedgerEntry[] = []): unknown[][] {
  policy.neutralised = new Set(neutralise.map((e) => `${mode}:${e.policy_field}`));
  try {
    const planned = fixtures.map((f) => withMode(f, mode)).map((fixture) => ({ loaded: { file: fixture.name, fixture }, placement: placeFixture(fixture) }));
    const result = runInProcessImplementation('ts-in-process', createReferenceSession, planned);
    return result.fixtures.map((r) => {
      if (r.status !== 'answered') throw new Error(`${r.planned.loaded.fixture.name} in ${mode}: the reference engine did not answer: ${r.message}`);
      return r.responses.map((line) => withoutMode(JSON.parse(line)));
    });
  } finally {
    policy.neutralised = new Set();
  }
}

interface Unlisted {
  fixture: string;
  mode: Mode;
  where: string;
}

/** Runs every fixture in every mode; returns the differences no ledger entry explains, and the entries that explained one. */
function modeDifferences(fixtures: readonly Fixture[]): { unlisted: Unlisted[]; explainedBy: Map<string, number> } {
  const base = run(fixtures, policy.baseline as Mode);
  const unlisted: Unlisted[] = [];
  const explainedBy = new Map<string, number>();
  for (const mode of MODES.filter((m) => m !== policy.baseline)) {
    const got = run(fixtures, mode);
    const differing = fixtures.map((_, i) => i).filter((i) => firstDifference(base[i], got[i]) !== undefined);
    if (differing.length === 0) continue;
    const subset = differing.map((i) => fixtures[i]!);
    const candidates = accepted.filter((e) => e.modes.includes(mode));
    const alone = candidates.map((e) => ({ e, runs: run(subset, mode, [e]) }));
    const together = candidates.length > 1 ? run(subset, mode, candidates) : undefined;
    differing.forEach((i, j) => {
      const single = alone.find(({ runs }) => firstDifference(base[i], runs[j]) === undefined);
      if (single) {
        explainedBy.set(single.e.id, (explainedBy.get(single.e.id) ?? 0) + 1);
        return;
      }
      if (together && firstDifference(base[i], together[j]) === undefined) {
        for (const e of candidates) explainedBy.set(e.id, (explainedBy.get(e.id) ?? 0) + 1);
        return;
      }
      const residual = together?.[j] ?? alone[0]?.runs[j] ?? got[i];
      const d = firstDifference(base[i], residual)!;
      const responses = base[i]!;
      const step = Number(/^\/(\d+)/.exec(d.pointer)?.[1] ?? 0) - 1;
      unlisted.push({ fixture: fixtures[i]!.name, mode, where: `step ${step} (${responses.length - 1} steps) at ${d.pointer}: ${policy.baseline} ${JSON.stringify(d.expected)} vs ${mode} ${JSON.stringify(d.actual)}` });
    });
  }
  return { unlisted, explainedBy };
}

function corpus(): Fixture[] {
  const loaded = loadFixtures(join(repo, 'fixtures'));
  if (!loaded.ok) throw new Error(`fixture corpus refused: ${loaded.problems.map((p) => `${p.file}${p.pointer}: ${p.reason}`).join('; ')}`);
  return loaded.fixtures.map((f) => f.fixture);
}

function generated(count: number, seed: number): Fixture[] {
  return fc.sample(scenarioArbitrary('all', { maxCommands: 40 }), { seed, numRuns: count }).map((s, i) => scenarioFixture(s, { name: `generated-${i}` }));
}

const config = (mode: Mode): KernelConfig => ({
  slot_count: 1,
  seed_capital: 10_000,
  seen_event_ids_max: 64,
  reconcile_tolerance: 0.01,
  exchange: { taker_rate: 0.0004, maker_rate: 0.0002, fee_calibration_alpha: 0.1 },
  control: { mode, verbosity: 'NORMAL' },
});

describe('mode divergence ledger', () => {
  it('is a valid ledger whose every policy difference has an entry', () => {
    const checked = validate('ModeLedger', ledger);
    expect(checked.ok ? [] : checked.errors).toEqual([]);
    expect(baselineMode, 'some mode must be named by no ledger entry, to serve as the baseline').toBeDefined();
    const base = modePolicy.rules.find((r) => r.mode === policy.baseline) as unknown as Record<string, unknown>;
    const missing: string[] = [];
    for (const rule of modePolicy.rules as unknown as Record<string, unknown>[]) {
      for (const [field, value] of Object.entries(rule)) {
        if (field === 'mode' || value === base[field]) continue;
        if (!accepted.some((e) => e.policy_field === field && e.modes.includes(rule.mode as Mode))) missing.push(`${String(rule.mode)}.${field}`);
      }
    }
    expect(missing, 'policy differences without a ledger entry').toEqual([]);
  });

  it('names an existing test for every entry', () => {
    const problems: string[] = [];
    for (const e of ledger.entries) {
      const [file, name] = e.test.split('::');
      if (!file || !name) {
        problems.push(`${e.id}: test ${e.test} is not <file>::<test name>`);
        continue;
      }
      const path = join(repo, file);
      if (!existsSync(path)) {
        problems.push(`${e.id}: ${file} does not exist`);
        continue;
      }
      const text = readFileSync(path, 'utf8');
      const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      if (!new RegExp(`\\b(it|test)\\(\\s*(['"\`])${escaped}\\2`).test(text)) problems.push(`${e.id}: no test named '${name}' in ${file}`);
    }
    expect(problems).toEqual([]);
  });

  it('the fixture corpus differs between modes only as the ledger lists', () => {
    const fixtures = corpus();
    expect(fixtures.length, 'the fixture corpus is empty').toBeGreaterThan(0);
    const { unlisted, explainedBy } = modeDifferences(fixtures);
    expect(unlisted).toEqual([]);
    // The corpus exercises every accepted entry at least once (an entry nothing shows is stale).
    for (const e of accepted) expect(explainedBy.get(e.id) ?? 0, `${e.id} is shown by no corpus fixture`).toBeGreaterThan(0);
  });

  it('generated scenarios differ between modes only as the ledger lists', () => {
    const { unlisted } = modeDifferences(generated(120, 20_260_601));
    expect(unlisted).toEqual([]);
  });

  it('a difference outside the policy table is not excused by the ledger', () => {
    // Neutralising a policy field that does not cause the difference leaves it in place:
    // run live with MD-001 neutralised under another name and check the difference persists.
    const fixture = scenarioFixture(
      {
        level: 'realistic',
        config: config('backtest'),
        steps: [{ kind: 'request', request: { op: 'intent', seq: 2, intent: { action: 'ENTER', intent_id: 'i1', ts: 1, slot_id: 0, trade_id: 't1', asset: 'BTC-USDT', side: 'LONG', order_type: 'MARKET', target_size: 1, leverage: 1, exit_leg_ratios: [1] } } }],
      },
      { name: 'live-entry' },
    );
    const base = run([fixture], 'backtest');
    const live = run([fixture], 'live', [{ ...accepted[0]!, policy_field: 'not_a_policy_field' }]);
    expect(firstDifference(base[0], live[0])).toBeDefined();
    const neutralised = run([fixture], 'live', [accepted.find((e) => e.id === 'MD-001')!]);
    expect(firstDifference(base[0], neutralised[0])).toBeUndefined();
  });
});

describe('MD-001 entry admission', () => {
  const step = (seq: number, request: Record<string, unknown>) => ({ kind: 'request' as const, request: { seq, ...request } as never });
  const enter = (seq: number, trade: string) => step(seq, { op: 'intent', intent: { action: 'ENTER', intent_id: `i${seq}`, ts: seq, slot_id: 0, trade_id: trade, asset: 'BTC-USDT', side: 'LONG', order_type: 'MARKET', target_size: 1, leverage: 1, exit_leg_ratios: [1] } });
  const update = (seq: number, eventSeq: number, wallet: number) => step(seq, { op: 'account_event', event: { kind: 'ACCOUNT_UPDATE', seq: eventSeq, ts: seq, wallet_balance: wallet, available_margin: wallet, used_margin: 0, maint_margin: 0 } });
  const outcome = (responses: unknown[], step: number) => (responses[step + 1] as { result: { outcome: { accepted: boolean; code: string; severity: string; details: Record<string, unknown> } } }).result.outcome;

  it('live refuses entry on an unreconciled account', () => {
    const steps = [
      enter(2, 't1'), // 0: account UNKNOWN
      update(3, 1, 9_000), // 1: MISMATCH (K 10000 vs E 9000)
      enter(4, 't1'), // 2: still refused
      update(5, 2, 10_000), // 3: OK
      enter(6, 't1'), // 4: admitted
      step(7, { op: 'venue_event', event: { kind: 'FILL', event_id: 'e1', ts: 7, slot_id: 0, trade_id: 't1', order_id: 't1#1', price: 100, size: 1 } }),
      update(8, 3, 5_000), // 6: MISMATCH again
      step(9, { op: 'intent', intent: { action: 'EXIT', intent_id: 'x1', ts: 9, slot_id: 0, trade_id: 't1', order_type: 'MARKET' } }), // 7: exits are never refused by mode
      step(10, { op: 'intent', intent: { action: 'CANCEL', intent_id: 'c1', ts: 10, slot_id: 0, trade_id: 't1' } }), // 8: nor cancels
    ];
    const fixture = scenarioFixture({ level: 'realistic', config: config('live'), steps }, { name: 'md-001' });
    const [live] = run([fixture], 'live');
    const [backtest] = run([fixture], 'backtest');
    for (const at of [0, 2]) {
      expect(outcome(live!, at)).toMatchObject({ accepted: false, code: 'MODE_FORBIDDEN', severity: 'ERROR', details: { reason: 'ACCOUNT_NOT_RECONCILED' } });
      expect(outcome(backtest!, at).code).not.toBe('MODE_FORBIDDEN');
    }
    expect(outcome(backtest!, 0)).toMatchObject({ accepted: true, code: 'OK' });
    expect(outcome(live!, 4)).toMatchObject({ accepted: true, code: 'OK' });
    expect(outcome(live!, 7)).toMatchObject({ accepted: true });
    expect(outcome(live!, 8)).toMatchObject({ accepted: true });
    for (const mode of ['paper', 'sandbox'] as const) expect(firstDifference(run([fixture], mode)[0], backtest)).toBeUndefined();
  });

  it('live refuses entry while account events are missing', () => {
    const steps = [
      update(2, 2, 10_000), // 0: OK, but seq 1 is missing
      enter(3, 't1'), // 1: refused in live: a gap is open
      update(4, 1, 10_000), // 2: the late event fills the gap
      enter(5, 't1'), // 3: admitted
    ];
    const fixture = scenarioFixture({ level: 'realistic', config: config('live'), steps }, { name: 'md-002' });
    const [live] = run([fixture], 'live');
    const [backtest] = run([fixture], 'backtest');
    expect(outcome(live!, 1)).toMatchObject({ accepted: false, code: 'MODE_FORBIDDEN', severity: 'ERROR', details: { reason: 'ACCOUNT_SEQ_GAPS' } });
    expect(outcome(backtest!, 1)).toMatchObject({ accepted: true, code: 'OK' });
    expect(outcome(live!, 2)).toMatchObject({ accepted: true, code: 'OK' });
    expect(outcome(live!, 3)).toMatchObject({ accepted: true, code: 'OK' });
    // With the MD-002 policy field neutralised, live behaves like backtest here.
    const ledger = JSON.parse(readFileSync(join(repo, 'schemas/data/mode.ledger.json'), 'utf8')) as { entries: LedgerEntry[] };
    const md2 = ledger.entries.filter((e) => e.id === 'MD-002');
    expect(firstDifference(run([fixture], 'live', md2)[0], backtest)).toBeUndefined();
  });
});
