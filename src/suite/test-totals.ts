// The one closing count of the whole test suite: vitest's summary line plus every cargo test
// binary's `test result:` line, read from their output.

export interface TestTotals {
  readonly passed: number;
  readonly failed: number;
}

const stripAnsi = (text: string) => text.replace(/\x1b\[[0-9;]*m/g, '');

function count(text: string, word: string): number {
  return Number(new RegExp(`(\\d+) ${word}`).exec(text)?.[1] ?? 0);
}

/** vitest's `Tests  N passed | M failed (T)` line; undefined when the output has none. */
export function vitestTotals(output: string): TestTotals | undefined {
  const line = /^\s*Tests\s+(.*)$/m.exec(stripAnsi(output))?.[1];
  return line === undefined ? undefined : { passed: count(line, 'passed'), failed: count(line, 'failed') };
}

/** The sum over every `test result: ok. N passed; M failed; ...` line of cargo test. */
export function cargoTotals(output: string): TestTotals | undefined {
  let found = false;
  let passed = 0;
  let failed = 0;
  for (const m of stripAnsi(output).matchAll(/^test result: \w+\. (\d+) passed; (\d+) failed/gm)) {
    found = true;
    passed += Number(m[1]);
    failed += Number(m[2]);
  }
  return found ? { passed, failed } : undefined;
}

export function addTotals(...totals: readonly TestTotals[]): TestTotals {
  return totals.reduce((a, b) => ({ passed: a.passed + b.passed, failed: a.failed + b.failed }), { passed: 0, failed: 0 });
}
