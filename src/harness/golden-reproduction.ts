// Whether an implementation reproduces a set of golden answers: the check `fixtures:fill` makes
// before it writes goldens, so that refilling from the reference cannot silently enshrine a
// reference bug the other kernel does not share. A target that cannot be run is a problem,
// never a pass.
import type { LoadedFixture } from './fixture-file.js';
import type { PlannedFixture } from './fixture-run.js';
import { goldenBaseline, judgeFixture, type FixtureVerdict } from './fixture-verdict.js';
import { runInProcessImplementation } from './in-process-driver.js';
import type { Implementation } from './implementation.js';
import { runProcessImplementation } from './process-driver.js';
import { placeFixture } from './session-frame.js';

export interface Unreproduced {
  readonly loaded: LoadedFixture;
  /** The first step where the target's answer differs from the golden (or the error). */
  readonly verdict: Exclude<FixtureVerdict, { status: 'passed' }>;
}

export type Reproduction =
  | { readonly ok: true; readonly unreproduced: readonly Unreproduced[] }
  | { readonly ok: false; readonly problems: readonly string[] };

/** Runs `fixtures` (with the goldens to check in `expected`) through `target` and judges each. */
export async function checkReproduction(
  fixtures: readonly LoadedFixture[],
  target: Implementation,
  repoRoot: string,
  timeoutMs: number,
): Promise<Reproduction> {
  if (fixtures.length === 0) return { ok: true, unreproduced: [] };
  const planned: PlannedFixture[] = fixtures.map((loaded) => ({ loaded, placement: placeFixture(loaded.fixture) }));
  let run;
  if (target.kind === 'in-process') {
    run = runInProcessImplementation(target.name, target.createSession, planned);
  } else {
    const problem = target.prepare?.(repoRoot);
    if (problem !== undefined) return { ok: false, problems: [problem] };
    run = await runProcessImplementation(target.name, target.command, planned, { timeoutMs, cwd: repoRoot });
  }
  if (run.problems.length > 0) return { ok: false, problems: run.problems };
  const unreproduced: Unreproduced[] = [];
  run.fixtures.forEach((fixtureRun, index) => {
    const verdict = judgeFixture(fixtureRun, goldenBaseline(fixtureRun.planned.loaded.fixture));
    if (verdict.status !== 'passed') unreproduced.push({ loaded: fixtures[index]!, verdict });
  });
  return { ok: true, unreproduced };
}
