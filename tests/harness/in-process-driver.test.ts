import { describe, expect, it } from 'vitest';
import { IN_PROCESS_SLICE_MS, runInProcessImplementationSliced } from '../../src/harness/in-process-driver.js';
import type { LineSessionFactory } from '../../src/harness/line-session.js';
import { placeFixture } from '../../src/harness/session-frame.js';
import { fakeFixture } from './support/temp-fixtures.js';

/** A session that answers every line with `{}` after keeping the thread `busyMs`. */
function busySessions(busyMs: number): LineSessionFactory {
  return () => ({
    answer: () => {
      const until = performance.now() + busyMs;
      while (performance.now() < until);
      return ['{}'];
    },
  });
}

function blockFor(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

describe('the sliced in-process run', () => {
  const planned = Array.from({ length: 6 }, (_, i) => {
    const fixture = fakeFixture(`f${i}`, 1);
    return { loaded: { file: `f${i}.json`, fixture }, placement: placeFixture(fixture) };
  });

  it('counts what runs between its slices only when timed as a whole (alone)', async () => {
    // Other work between the slices, as process implementations' I/O (or deferred GC) would be.
    const between = setInterval(() => blockFor(15), 0);
    try {
      const sliced = await runInProcessImplementationSliced('x', busySessions(IN_PROCESS_SLICE_MS), planned, undefined, 'slices');
      const whole = await runInProcessImplementationSliced('x', busySessions(IN_PROCESS_SLICE_MS), planned, undefined, 'wall');
      expect(sliced.fixtures.every((run) => run.status === 'answered')).toBe(true);
      // Six fixtures of three lines (hello, configure, one step) at IN_PROCESS_SLICE_MS a line.
      expect(sliced.wallMs).toBeLessThan(whole.wallMs);
      expect(whole.wallMs - sliced.wallMs).toBeGreaterThan(30);
    } finally {
      clearInterval(between);
    }
  });
});
