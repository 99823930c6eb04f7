/**
 * The parity corpus as a mutant's judge: every fixture's answers against its golden ones. The
 * first fixture that diverges, crashes or hangs names what told the mutant apart.
 */
import type { ImplementationRun, PlannedFixture } from '../harness/fixture-run.js';
import { loadFixtures } from '../harness/fixture-file.js';
import { goldenBaseline, judgeFixture } from '../harness/fixture-verdict.js';
import { placeFixture } from '../harness/session-frame.js';

export type CorpusVerdict =
  | { readonly caught: false }
  | { readonly caught: true; readonly hang: boolean; readonly by: string };

/** Every fixture under `fixturesRoot`, planned in a fresh session frame; throws on a refused corpus. */
export function plannedCorpus(fixturesRoot: string): PlannedFixture[] {
  const loaded = loadFixtures(fixturesRoot);
  if (!loaded.ok) throw new Error(`the fixture corpus under ${fixturesRoot} is refused: ${loaded.problems[0]?.file}: ${loaded.problems[0]?.reason}`);
  return loaded.fixtures.map((entry) => ({ loaded: entry, placement: placeFixture(entry.fixture) }));
}

/**
 * Runs the corpus one fixture at a time through `runOne` and stops at the first that tells the
 * mutant apart (most mutants die early: a full run per mutant would cost many times more).
 */
export function firstCaught(planned: readonly PlannedFixture[], runOne: (p: PlannedFixture) => ImplementationRun): CorpusVerdict {
  for (const p of planned) {
    const v = corpusVerdict(runOne(p));
    if (v.caught) return v;
  }
  return { caught: false };
}

export function corpusVerdict(run: ImplementationRun): CorpusVerdict {
  if (run.fixtures.length === 0 && run.problems.length > 0) return { caught: true, hang: false, by: `did not run: ${run.problems[0]}` };
  for (const fixtureRun of run.fixtures) {
    const fixture = fixtureRun.planned.loaded.fixture;
    const verdict = judgeFixture(fixtureRun, goldenBaseline(fixture));
    if (verdict.status === 'errored') return { caught: true, hang: verdict.kind === 'hang', by: `parity ${fixture.name}: ${verdict.kind}` };
    if (verdict.status === 'diverged') return { caught: true, hang: false, by: `parity ${fixture.name} step ${verdict.step} at ${verdict.difference.pointer || '/'}` };
  }
  return { caught: false };
}
