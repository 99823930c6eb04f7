import { performance } from 'node:perf_hooks';

/** Options of {@link opsPerSecond}. */
export interface OpsPerSecondOptions {
  /** Minimum wall time of one measuring round, in milliseconds. */
  windowMs: number;
  /** Rounds after warm-up; the median round is reported (robust to a noisy neighbour). */
  rounds?: number;
}

/**
 * Calls `fn` in a loop and returns the median rate in calls per second over `rounds`
 * rounds of at least `windowMs` each, after one warm-up round (so the JIT has settled).
 * `fn`'s result is folded into a sink so that the work cannot be optimised away.
 */
export function opsPerSecond(fn: () => unknown, options: OpsPerSecondOptions): number {
  const rounds = options.rounds ?? 5;
  let sink = 0;
  const round = (): number => {
    let calls = 0;
    let batch = 1;
    const start = performance.now();
    let elapsed = 0;
    while (elapsed < options.windowMs) {
      for (let i = 0; i < batch; i++) {
        const out = fn();
        sink ^= typeof out === 'string' ? out.length : out === undefined ? 0 : 1;
      }
      calls += batch;
      batch = Math.min(batch * 2, 65_536);
      elapsed = performance.now() - start;
    }
    return (calls * 1000) / elapsed;
  };
  round();
  const rates: number[] = [];
  for (let r = 0; r < rounds; r++) rates.push(round());
  rates.sort((a, b) => a - b);
  if (sink === 0.5) console.error('unreachable'); // keeps `sink` observable
  return rates[Math.floor(rates.length / 2)] ?? 0;
}

/** Wall time of one call of `fn` in milliseconds (for things too slow to loop, e.g. codegen). */
export async function wallMs(fn: () => unknown): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}
