import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalize } from '../../src/canonical/index.js';
import { loadFixtures } from '../../src/harness/fixture-file.js';
import { configureLine } from '../../src/harness/session-frame.js';

describe('configureLine', () => {
  it('is the canonical configure request for every corpus config, at any seq, asked once or twice', () => {
    const loaded = loadFixtures(join(import.meta.dirname, '../../fixtures'));
    if (!loaded.ok) throw new Error('the corpus does not load');
    for (const { fixture } of loaded.fixtures) {
      for (const seq of [1, 7, 9007199254740991]) {
        const canonical = canonicalize({ op: 'configure', seq, config: fixture.config });
        expect(configureLine(fixture.config, seq)).toBe(canonical);
        expect(configureLine(fixture.config, seq)).toBe(canonical);
      }
    }
  });
});
