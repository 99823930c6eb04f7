/**
 * A scenario as a fixture (`schemas/fixture.schema.json`): what the fuzz runner hands to the
 * harness drivers, and what it writes to `fixtures/regressions/` when a scenario fails.
 */
import type { Fixture, FixtureOrigin, ProtocolResponse } from '../../generated/ts/types.js';
import { fixtureId } from '../harness/fixture-id.js';
import type { Scenario } from './scenario.js';

export interface ScenarioFixtureOptions {
  readonly name: string;
  readonly description?: string;
  readonly origin?: FixtureOrigin;
  readonly expected?: readonly ProtocolResponse[];
  readonly tags?: readonly string[];
  /**
   * Leave the id unhashed (a placeholder): for fixtures that only carry a scenario through one
   * run (the fuzz batches), where hashing every scenario cost more than its checks. A fixture
   * that is written or compared by id must keep the default.
   */
  readonly unhashedId?: boolean;
}

/** The id of a fixture built with `unhashedId`: not a sha256, so no loader would accept it. */
export const UNHASHED_FIXTURE_ID = 'unhashed';

export function scenarioFixture(s: Scenario, o: ScenarioFixtureOptions): Fixture {
  const base = { config: s.config, steps: [...s.steps] } as Pick<Fixture, 'config' | 'steps'>;
  return {
    fixture_version: 'lockstep.fixture.v1',
    id: o.unhashedId ? UNHASHED_FIXTURE_ID : fixtureId(base),
    name: o.name,
    description: o.description ?? `Generated ${s.level} scenario.`,
    tags: [...(o.tags ?? ['fuzz', s.level])],
    rules: [],
    ...(o.origin ? { origin: o.origin } : {}),
    config: base.config,
    steps: base.steps,
    expected: [...(o.expected ?? [])],
  } as Fixture;
}
