import { describe, expect, it } from 'vitest';
import { checkKnownDivergences } from '../../src/harness/known-divergences.js';

describe('checkKnownDivergences', () => {
  it('accepts the documented shape', () => {
    const value = { version: 1, divergences: [{ implementation: 'rust', fixture: 'a', reason: 'tracked in issue 9' }] };
    expect(checkKnownDivergences(value)).toEqual({ ok: true, entries: value.divergences });
  });

  it.each([
    [[], ''],
    [{ version: 2, divergences: [] }, '/version'],
    [{ version: 1 }, '/divergences'],
    [{ version: 1, divergences: [], extra: 1 }, '/extra'],
    [{ version: 1, divergences: [{ implementation: 'rust', fixture: 'a' }] }, '/divergences/0/reason'],
    [{ version: 1, divergences: [{ implementation: 'rust', fixture: 'a', reason: ' ' }] }, '/divergences/0/reason'],
    [{ version: 1, divergences: [{ implementation: 'rust', fixture: 'a', reason: 'r', why: 'x' }] }, '/divergences/0/why'],
    [{ version: 1, divergences: [{ implementation: 'rust', fixture: 'a', reason: 'r' }, { implementation: 'rust', fixture: 'a', reason: 's' }] }, '/divergences/1'],
  ])('refuses %j at %s', (value, pointer) => {
    expect(checkKnownDivergences(value)).toMatchObject({ ok: false, pointer });
  });
});
