/**
 * A generated scenario: a kernel configuration and the lines sent after hello and configure,
 * exactly the `config` and `steps` of a fixture (`schemas/fixture.schema.json`), so that a
 * failing scenario is written out as a regression fixture without translation.
 */
import type { FixtureStep, KernelConfig } from '../../generated/ts/types.js';

export type ScenarioLevel = 'realistic' | 'adversarial' | 'invalid';
export const scenarioLevels: readonly ScenarioLevel[] = ['realistic', 'adversarial', 'invalid'];

export interface Scenario {
  /** Which generator made it. */
  readonly level: ScenarioLevel;
  readonly config: KernelConfig;
  readonly steps: readonly FixtureStep[];
}

/** Seq of the first fixture step: hello is seq 0 and configure seq 1 (src/harness/session-frame.ts). */
export const FIRST_STEP_SEQ = 2;

/** Timestamps start here and move forward by a fixed amount per step (the kernel has no clock). */
export const SCENARIO_TS_START = 1_700_000_000_000;
export const SCENARIO_TS_STEP_MS = 250;

/** Requests in a scenario (raw lines left out). */
export function scenarioRequestCount(s: Scenario): number {
  return s.steps.reduce((n, st) => n + (st.kind === 'request' ? 1 : 0), 0);
}

/** A short human-readable summary of a scenario's steps, for reports. */
export function describeScenario(s: Scenario): string {
  const ops = s.steps.map((st) => {
    if (st.kind === 'raw') return 'raw';
    const r = st.request;
    if (r.op === 'intent') return `intent:${r.intent.action}`;
    if (r.op === 'venue_event' || r.op === 'account_event') return `${r.op}:${r.event.kind}`;
    return r.op;
  });
  return `${s.level} scenario, ${s.config.slot_count} slot(s), mode ${s.config.control.mode}, ${s.steps.length} step(s): ${ops.join(' ')}`;
}
