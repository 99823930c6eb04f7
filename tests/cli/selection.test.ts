import { describe, expect, it } from 'vitest';
import { closest, editDistance } from '../../src/harness/fixture-selection.js';
import { cargoTotals, vitestTotals } from '../../src/suite/test-totals.js';

describe('closest names', () => {
  it('ranks substrings first, then by edit distance', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(closest('enter-market', ['zzz', 'enter-market-long-on-idle', 'enter-limit'])).toEqual(['enter-market-long-on-idle', 'enter-limit', 'zzz']);
  });
});

describe('the closing count of lockstep test', () => {
  it('reads vitest and cargo summaries', () => {
    expect(vitestTotals('\u001b[2m      Tests \u001b[22m 3 failed | 40 passed (43)\n')).toEqual({ passed: 40, failed: 3 });
    expect(cargoTotals('test result: ok. 12 passed; 0 failed; 0 ignored\ntest result: FAILED. 1 passed; 2 failed; 0 ignored\n')).toEqual({ passed: 13, failed: 2 });
    expect(cargoTotals('error: could not compile')).toBeUndefined();
  });
});
