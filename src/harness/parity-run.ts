import { performance } from 'node:perf_hooks';
import { baselineFromLine, baselineFromValue } from './baseline-response.js';
import { loadFixtures, type FixtureFileProblem } from './fixture-file.js';
import { selectFixtures } from './fixture-selection.js';
import type { ImplementationRun, PlannedFixture } from './fixture-run.js';
import { goldenBaseline, judgeFixture, referenceBaseline, type Baseline, type FixtureVerdict } from './fixture-verdict.js';
import { runInProcessImplementationSliced } from './in-process-driver.js';
import { REFERENCE_NAME, type Implementation } from './implementation.js';
import type { KnownDivergence } from './known-divergences.js';
import { runProcessImplementation } from './process-driver.js';
import { compareResponse, type ResponseDifference } from './response-compare.js';
import { referenceStatus, targetStatus, type ThreeWay, type ThreeWayStatus } from './three-way-verdict.js';
import type { VerifiedFixtures } from './verified-fixtures.js';
import { FRESH_FRAME, openingAnswerCount, placeFixture } from './session-frame.js';

export interface ParityOptions {
  readonly fixturesRoot: string;
  readonly repoRoot: string;
  readonly implementations: readonly Implementation[];
  /** Fixture names, ids or globs (fixture-selection.ts); none and no tags: every fixture. */
  readonly selectors: readonly string[];
  /** Fixture tags; a fixture carrying any one is taken besides those the selectors name. */
  readonly tags?: readonly string[];
  readonly timeoutMs: number;
  readonly knownDivergences: readonly KnownDivergence[];
  /** Sessions of one process implementation run at the same time. */
  readonly lanes?: number;
  /** Fixture files checked before, not checked again (verified-fixtures.ts); default: check every file. */
  readonly verified?: VerifiedFixtures;
  /** Fixtures answered so far by each implementation (for a progress line). */
  readonly onProgress?: (p: ParityProgress) => void;
}

export interface ParityProgress {
  readonly implementation: string;
  readonly done: number;
  readonly total: number;
}

/**
 * The verdict on one fixture for one implementation (three-way-verdict.ts). `golden-stale` is
 * the reference engine disagreeing with the fixture's golden answers while every target follows
 * the reference (refill with `pnpm fixtures:fill`); `reference-changed` is the reference leaving
 * its golden while a target still reproduces it (a TS regression or an unfollowed change: never
 * refill blindly); `known` is a divergence listed as accepted; `ratchet` is a listed divergence
 * that no longer diverges.
 */
export type CaseStatus = ThreeWayStatus | 'known' | 'ratchet';

export interface CaseResult {
  readonly implementation: string;
  readonly fixture: PlannedFixture;
  readonly status: CaseStatus;
  readonly verdict: FixtureVerdict;
  /** Step responses received (configure not counted). */
  readonly steps: number;
  readonly reason?: string;
}

export interface ImplementationSummary {
  readonly implementation: string;
  readonly fixtures: number;
  readonly steps: number;
  readonly counts: Readonly<Record<CaseStatus, number>>;
  readonly wallMs: number;
  readonly sessions: number;
  /** Processes the sessions ran in (absent in process). */
  readonly processes?: number;
  readonly problems: readonly string[];
  /** How its hello differs from the reference's (protocol_version and capabilities), if it does. */
  readonly hello: ResponseDifference | undefined;
}

export type ParityResult =
  | { readonly kind: 'refused'; readonly problems: readonly FixtureFileProblem[] }
  /** A selector or tag matched no fixture: a usage mistake, never a green run over nothing. */
  | { readonly kind: 'unselected'; readonly problems: readonly string[] }
  | {
      readonly kind: 'ran';
      readonly cases: readonly CaseResult[];
      readonly summaries: readonly ImplementationSummary[];
      /** Known-divergence entries naming a fixture that is not in the corpus (stale entries fail the run). */
      readonly unusedKnown: readonly KnownDivergence[];
      readonly failed: boolean;
    };

async function runOne(implementation: Implementation, planned: readonly PlannedFixture[], options: ParityOptions): Promise<ImplementationRun> {
  if (implementation.kind === 'in-process') {
    const onProgress = options.onProgress;
    const progress = onProgress ? (done: number, total: number) => onProgress({ implementation: implementation.name, done, total }) : undefined;
    // Timed from start to end when nothing else runs beside it (in-process-driver.ts, SlicedTiming).
    const alone = !options.implementations.some((other) => other.kind === 'process');
    return runInProcessImplementationSliced(implementation.name, implementation.createSession, planned, progress, alone ? 'wall' : 'slices');
  }
  const problem = implementation.prepare?.(implementation.cwd ?? options.repoRoot);
  if (problem !== undefined) {
    return { name: implementation.name, hello: undefined, fixtures: [], wallMs: 0, problems: [problem], sessions: 0 };
  }
  return runProcessImplementation(implementation.name, implementation.command, planned, {
    timeoutMs: options.timeoutMs,
    cwd: implementation.cwd ?? options.repoRoot,
    ...(implementation.listen !== undefined ? { listen: implementation.listen } : {}),
    ...(options.lanes !== undefined ? { lanes: options.lanes } : {}),
    ...(options.onProgress ? { onProgress: (done: number, total: number) => options.onProgress!({ implementation: implementation.name, done, total }) } : {}),
  });
}

/** Without a reference run, a hello must at least speak protocol major 1 (the harness's hello has seq 0). */
const HELLO_SHAPE = baselineFromValue({ op: 'hello', seq: 0, protocol_version: '1.0' });

function judgeHello(hello: string | undefined, referenceHello: string | undefined): ResponseDifference | undefined {
  if (hello === undefined) return undefined;
  if (referenceHello !== undefined) return compareResponse(baselineFromLine(referenceHello), hello, FRESH_FRAME, true);
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(hello) as Record<string, unknown>;
  } catch {
    return { pointer: '', expected: HELLO_SHAPE.value, actual: hello, note: 'not JSON' };
  }
  if (parsed.op !== 'hello') return { pointer: '/op', expected: 'hello', actual: parsed.op };
  const version = parsed.protocol_version;
  if (typeof version !== 'string' || !version.startsWith('1.')) return { pointer: '/protocol_version', expected: '1.x', actual: version };
  return undefined;
}

function emptyCounts(): Record<CaseStatus, number> {
  return { passed: 0, diverged: 0, errored: 0, 'golden-stale': 0, 'reference-changed': 0, known: 0, ratchet: 0 };
}

/** A listed (accepted) divergence is `known` while it diverges and a `ratchet` failure once it passes. */
function listedStatus(status: ThreeWayStatus, listed: KnownDivergence | undefined): CaseStatus {
  if (listed === undefined || status === 'errored') return status;
  return status === 'passed' ? 'ratchet' : 'known';
}

interface Judged {
  readonly cases: CaseResult[];
  readonly summaries: ImplementationSummary[];
  readonly usedKnown: Set<KnownDivergence>;
}

/**
 * Judges every run three ways (three-way-verdict.ts): the reference against the golden
 * answers, every other implementation against the reference's answers (or the golden ones
 * where the reference did not run or did not answer) and against the golden answers.
 */
function judgeRuns(runs: readonly ImplementationRun[], knownDivergences: readonly KnownDivergence[]): Judged {
  const referenceRun = runs.find((run) => run.name === REFERENCE_NAME);
  const started = performance.now();
  const referenceVerdicts = referenceRun?.fixtures.map((run) => judgeFixture(run, goldenBaseline(run.planned.loaded.fixture)));
  const targets = runs.map((run) => (run === referenceRun ? undefined : judgeTarget(run, referenceRun, referenceVerdicts)));
  const keepsGolden = (index: number): boolean => targets.some((t) => t?.[index]?.againstGolden?.status === 'passed');
  const sharedMs = performance.now() - started;
  const cases: CaseResult[] = [];
  const summaries: ImplementationSummary[] = [];
  const usedKnown = new Set<KnownDivergence>();
  runs.forEach((run, runIndex) => {
    const judging = performance.now();
    const counts = emptyCounts();
    let steps = 0;
    run.fixtures.forEach((fixtureRun, index) => {
      const fixture = fixtureRun.planned.loaded.fixture;
      const target = targets[runIndex]?.[index];
      const verdict = target ? target.againstReference : referenceVerdicts![index]!;
      const threeWay = target ? targetStatus(target) : referenceStatus(verdict, keepsGolden(index));
      const listed = knownDivergences.find((k) => k.implementation === run.name && k.fixture === fixture.name);
      if (listed) usedKnown.add(listed);
      const status = listedStatus(threeWay, listed);
      counts[status] += 1;
      const stepCount = countSteps(run, index);
      steps += stepCount;
      cases.push({ implementation: run.name, fixture: fixtureRun.planned, status, verdict, steps: stepCount, ...(listed ? { reason: listed.reason } : {}) });
    });
    const hello = judgeHello(run.hello, referenceRun?.hello);
    // The harness's cost is running and judging: both count in the wall time of an implementation.
    const wallMs = run.wallMs + sharedMs / runs.length + (performance.now() - judging);
    summaries.push({ implementation: run.name, fixtures: run.fixtures.filter(Boolean).length, steps, counts, wallMs, sessions: run.sessions, ...(run.processes !== undefined ? { processes: run.processes } : {}), problems: run.problems, hello });
  });
  return { cases, summaries, usedKnown };
}

/** One target's fixtures judged against the reference's answers and against the golden ones. */
function judgeTarget(
  run: ImplementationRun,
  referenceRun: ImplementationRun | undefined,
  referenceVerdicts: readonly FixtureVerdict[] | undefined,
): ThreeWay[] {
  return run.fixtures.map((fixtureRun, index) => {
    const golden = goldenBaseline(fixtureRun.planned.loaded.fixture);
    const answered = referenceRun?.fixtures[index];
    const reference: Baseline | undefined = answered ? referenceBaseline(answered) : undefined;
    const againstReference = judgeFixture(fixtureRun, reference ?? golden);
    const referenceVerdict = referenceVerdicts?.[index];
    const referenceMatchesGolden = referenceVerdict === undefined || referenceVerdict.status === 'errored' ? undefined : referenceVerdict.status === 'passed';
    // Judged against the golden only when it can change the status (the target left the reference).
    const againstGolden = reference !== undefined && againstReference.status === 'diverged' ? judgeFixture(fixtureRun, golden) : undefined;
    return { againstReference, againstGolden, referenceMatchesGolden };
  });
}

function countSteps(run: ImplementationRun, index: number): number {
  const fixtureRun = run.fixtures[index];
  return fixtureRun ? Math.max(0, fixtureRun.responses.length - openingAnswerCount(fixtureRun.planned.placement)) : 0;
}

/**
 * Loads and checks every fixture (refusing the run before any implementation
 * starts when a file is bad), runs each implementation over them in turn, and
 * judges them three ways (judgeRuns).
 */
export async function runParity(options: ParityOptions): Promise<ParityResult> {
  const loaded = loadFixtures(options.fixturesRoot, options.verified);
  if (!loaded.ok) return { kind: 'refused', problems: loaded.problems };
  const { selected, unmatched } = selectFixtures(loaded.fixtures, { fixtures: options.selectors, tags: options.tags ?? [] });
  if (unmatched.length > 0) return { kind: 'unselected', problems: unmatched };
  const planned: PlannedFixture[] = selected.map((entry) => ({ loaded: entry, placement: placeFixture(entry.fixture) }));
  // Every implementation runs side by side: process ones mostly wait on their child processes,
  // so they are started first and the in-process one runs in slices between their I/O
  // (in-process-driver.ts). Results keep the order the implementations were given in.
  const byKind = (kind: Implementation['kind']): Array<Promise<ImplementationRun> | undefined> =>
    options.implementations.map((implementation) => (implementation.kind === kind ? runOne(implementation, planned, options) : undefined));
  const processRuns = byKind('process');
  const inProcessRuns = byKind('in-process');
  const runs: ImplementationRun[] = await Promise.all(processRuns.map((run, index) => run ?? inProcessRuns[index]!));
  const { cases, summaries, usedKnown } = judgeRuns(runs, options.knownDivergences);
  const corpusNames = new Set(loaded.fixtures.map((entry) => entry.fixture.name));
  const unusedKnown = options.knownDivergences.filter((k) => !usedKnown.has(k) && !corpusNames.has(k.fixture));
  const failed =
    summaries.some((s) => s.problems.length > 0 || s.hello !== undefined || s.fixtures < planned.length) ||
    unusedKnown.length > 0 ||
    cases.some((c) => c.status !== 'passed' && c.status !== 'known');
  return { kind: 'ran', cases, summaries, unusedKnown, failed };
}
