import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canonicalize } from '../../../src/canonical/index.js';
import { fixtureId } from '../../../src/harness/fixture-id.js';
import type { Fixture, FixtureStep, KernelConfig } from '../../../generated/ts/types.js';

export const testConfig: KernelConfig = {
  slot_count: 2,
  seed_capital: 10000,
  seen_event_ids_max: 64,
  reconcile_tolerance: 0.01,
  exchange: { taker_rate: 0.0005, maker_rate: 0.0002, fee_calibration_alpha: 0.2 },
  control: { mode: 'backtest', verbosity: 'NORMAL' },
};

export function request(value: Record<string, unknown>): FixtureStep {
  return { kind: 'request', request: value } as unknown as FixtureStep;
}

export function raw(text: string): FixtureStep {
  return { kind: 'raw', base64: Buffer.from(text, 'utf8').toString('base64') };
}

/** A fixture with its id computed; `expected` as given. */
export function makeFixture(name: string, steps: FixtureStep[], expected: unknown[], config: KernelConfig = testConfig): Fixture {
  const partial = { config, steps };
  return {
    fixture_version: 'lockstep.fixture.v1',
    id: fixtureId(partial),
    name,
    description: `harness test fixture ${name}`,
    tags: ['harness-test'],
    rules: [],
    config,
    steps,
    expected,
  } as Fixture;
}

/**
 * What tests/harness/support/fake-kernel.mjs answers to each step in a fresh
 * session: an error naming the line (step i is line 3 + i) and echoing the seq.
 */
export function fakeExpected(steps: FixtureStep[]): unknown[] {
  return steps.map((step, index) => {
    const error = { category: 'protocol', code: 'NOT_CONFIGURED', line: 3 + index, message: 'fake', path: '' };
    if (step.kind === 'request') return { op: 'error', seq: step.request.seq, error };
    let seq: unknown;
    try {
      seq = (JSON.parse(Buffer.from(step.base64, 'base64').toString('utf8')) as { seq?: unknown }).seq;
    } catch {
      seq = undefined;
    }
    return Number.isInteger(seq) ? { op: 'error', seq, error } : { op: 'error', error };
  });
}

/** A fixture the fake kernel answers correctly: `count` snapshot steps, seqs from 2 + a number taken from the name (ids differ). */
export function fakeFixture(name: string, count = 2): Fixture {
  const first = 2 + [...name].reduce((sum, c) => sum + c.charCodeAt(0), 0);
  const steps = Array.from({ length: count }, (_, index) => request({ op: 'snapshot', seq: first + index }));
  return makeFixture(name, steps, fakeExpected(steps));
}

/** A temporary fixture root with `corpus/` (and optional extra files, paths relative to the root). */
export function writeFixtureRoot(fixtures: readonly Fixture[], extra: Record<string, string> = {}): string {
  const root = mkdtempSync(join(tmpdir(), 'lockstep-parity-'));
  mkdirSync(join(root, 'corpus'), { recursive: true });
  mkdirSync(join(root, 'regressions'), { recursive: true });
  for (const fixture of fixtures) writeFileSync(join(root, 'corpus', `${fixture.name}.json`), `${canonicalize(fixture)}\n`);
  for (const [path, text] of Object.entries(extra)) writeFileSync(join(root, path), text);
  return root;
}

export const FAKE_KERNEL = 'node tests/harness/support/fake-kernel.mjs';
export const HANG_KERNEL = 'node tests/harness/support/hang-kernel.mjs';
