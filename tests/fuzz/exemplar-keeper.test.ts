import { describe, expect, it } from 'vitest';
import { EXEMPLARS_PER_SIGNATURE_MAX, ExemplarKeeper } from '../../src/fuzz/exemplar-keeper.js';
import type { Scenario } from '../../src/fuzz/scenario.js';

const scenario = (n: number): Scenario => ({ level: 'realistic', config: {} as never, steps: Array.from({ length: n }, () => ({ kind: 'raw', base64: '' })) as never });

describe('exemplar keeper', () => {
  it('keeps the few smallest scenarios of each signature, whatever order they come in', () => {
    const sizes = [30, 5, 17, 5, 99, 2, 40, 8];
    const keep = (order: number[]) => {
      const k = new ExemplarKeeper();
      order.forEach((steps, i) => k.offer({ signature: steps % 2 === 0 ? 'even' : 'odd', source: 'generated', seed: sizes.indexOf(steps) * 10 + i * 0, steps }, scenario(steps)));
      k.offer({ signature: 'other', source: 'corpus:x', seed: 0, steps: 1 }, scenario(1));
      return k.records().map((r) => [r.signature, r.scenario.steps.length]);
    };
    const kept = keep(sizes);
    expect(kept.filter(([s]) => s === 'even').map(([, n]) => n)).toEqual([2, 8, 30, 40].slice(0, EXEMPLARS_PER_SIGNATURE_MAX));
    expect(kept.filter(([s]) => s === 'odd').map(([, n]) => n)).toEqual([5, 5, 17, 99]);
    expect(kept.filter(([s]) => s === 'other')).toHaveLength(1);
    expect(keep([...sizes].reverse())).toEqual(kept);
  });
});
