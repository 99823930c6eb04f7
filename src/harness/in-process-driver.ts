import { performance } from 'node:perf_hooks';
import type { FixtureRun, ImplementationRun, PlannedFixture } from './fixture-run.js';
import type { LineSessionFactory } from './line-session.js';
import { FRESH_FRAME, fixtureLines, helloLine } from './session-frame.js';

/**
 * Runs fixtures through an in-process session: a fresh session per fixture
 * (cheap here), so every fixture is in its exact fresh-session frame. A thrown
 * exception fails that fixture as a crash and the run goes on. It cannot hang
 * detectably (it is synchronous); the process-level timeout of the test runner
 * is what guards it.
 */
export function runInProcessImplementation(
  name: string,
  createSession: LineSessionFactory,
  planned: readonly PlannedFixture[],
): ImplementationRun {
  const started = performance.now();
  const hello = Buffer.from(helloLine(), 'utf8');
  let greeting: string | undefined;
  const runs: FixtureRun[] = planned.map((entry) => {
    const responses: string[] = [];
    try {
      const session = createSession();
      if (entry.placement.opening !== 'bare') {
        const answeredHello = session.answer(hello);
        greeting ??= answeredHello[0];
      }
      for (const line of fixtureLines(entry.loaded.fixture, entry.placement, FRESH_FRAME)) {
        responses.push(...session.answer(line));
      }
      return { status: 'answered', planned: entry, frame: FRESH_FRAME, responses };
    } catch (error) {
      const message = `threw ${(error as Error).stack ?? String(error)}`;
      return { status: 'errored', planned: entry, frame: FRESH_FRAME, responses, kind: 'crash', message, stderrTail: '' };
    }
  });
  return { name, hello: greeting, fixtures: runs, wallMs: performance.now() - started, problems: [], sessions: planned.length };
}
