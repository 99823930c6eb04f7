import { describe, expect, it } from 'vitest';
import { RUST_BINARY } from '../../src/harness/implementation.js';
import { showCommand } from '../../src/harness/show.js';
import { lifecycleSteps, referenceFixture } from './support/reference-fixtures.js';
import { writeFixtureRoot } from './support/temp-fixtures.js';

const repoRoot = process.cwd();

describe('lockstep show', () => {
  const fixture = referenceFixture('show-lifecycle', lifecycleSteps('t9'));
  const root = writeFixtureRoot([fixture]);

  it('prints each step with its transitions, diagnostic and slot state after', async () => {
    const { exitCode, text } = await showCommand([fixture.id, '--fixtures', root], repoRoot);
    expect(exitCode).toBe(0);
    expect(text).toContain('#0 intent seq 2: ENTER');
    expect(text).toContain('SLOT[0] IDLE -ENTER-> ORDER_REQUESTED');
    expect(text).toContain('ORDER t9#1 (ENTRY) NEW -ORDER_ACK-> ACKED');
    expect(text).toMatch(/SLOT\[0\] ENTRY_WORKING -FILL-> POSITION_OPEN/);
    expect(text).toMatch(/slot 0 POSITION_OPEN t9 LONG BTC-USDT size 2\/2 @ 100.5/);
    expect(text).not.toContain('!!');
  });

  it('marks the steps where a second implementation differs and prints both side by side', async () => {
    const filtered = `node tests/harness/support/alter-filter.mjs 5 ${RUST_BINARY}`;
    const { exitCode, text } = await showCommand(['show-lifecycle', '--fixtures', root, '--impl', filtered], repoRoot);
    expect(exitCode).toBe(1);
    // Output line 5 of the process is step 2 (hello, configure, steps 0, 1, 2).
    expect(text).toContain('!!#2 venue_event seq 4: FILL');
    expect(text).toContain('differs at /result/step: 3 vs 4');
    expect(text.match(/!!#/g)).toHaveLength(1);
    expect(text).toContain('1 step(s) differ');
  });

  it('refuses a fixture that is not there as a usage error, naming the closest', async () => {
    await expect(showCommand(['no-such-fixture', '--fixtures', root], repoRoot)).rejects.toThrow(/no fixture named no-such-fixture \(closest: show-lifecycle\)/);
  });
});
