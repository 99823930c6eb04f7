import { createHash } from 'node:crypto';
import { canonicalize } from '../canonical/index.js';
import type { Fixture } from '../../generated/ts/types.js';

/** The id a fixture must carry: sha256 of the canonical JSON of `{config, steps}`. */
export function fixtureId(fixture: Pick<Fixture, 'config' | 'steps'>): string {
  const text = canonicalize({ config: fixture.config, steps: fixture.steps });
  return `sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`;
}
