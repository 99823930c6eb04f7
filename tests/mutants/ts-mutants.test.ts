import { describe, expect, it } from 'vitest';
import { tsMutantsOf } from '../../src/mutants/ts-mutants.js';
import { applyMutant } from '../../src/mutants/mutant.js';

const source = `export function f(a: number, b: number): boolean {
  const label: string = 'x' + a;
  const t: Array<number> = [];
  return a >= b && !(a * b === 0);
}
`;

describe('TypeScript mutants', () => {
  it('swaps operators, flips negations, never touches string concatenation or types', () => {
    const ms = tsMutantsOf('src/kernel/f.ts', source);
    expect(ms.map((m) => `${m.line}:${m.original}->${m.replacement || '(removed)'}`)).toEqual(['4:>=->>', '4:&&->||', '4:!->(removed)', '4:*->/', '4:===->!==']);
    expect(ms[0]!.description).toBe('f: >= -> >');
    expect(applyMutant(source, ms[0]!)).toContain('return a > b && !(a * b === 0);');
  });

  it('refuses to plant a mutant into a file that changed since it was listed', () => {
    const m = tsMutantsOf('src/kernel/f.ts', source)[0]!;
    expect(() => applyMutant(source.replace('a >= b', 'a <= b'), m)).toThrow(/does not match src\/kernel\/f.ts/);
  });
});
