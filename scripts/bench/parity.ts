/**
 * Bench section `parity`: the whole fixture corpus through every implementation with the parity
 * harness (target: under 3 s of wall time; the TS server runs from its JavaScript bundle, built
 * before the clock starts), then each implementation's harness cost against its standalone pipe.
 *
 * What each figure means (like with like: the same fixtures, the same session texts, the same
 * sessions and processes, the same number at a time, nothing else running in this process; the
 * bench checks the session counts agree):
 * - harness: `runParity` with that implementation alone, judged against the golden answers:
 *   start, feed, read and judge, the wall time of its run (`wallMs`; for the in-process
 *   reference alone, from its first slice to its last, plus judging). Loading the fixture
 *   files is not in it (the standalone pipe's inputs are prepared before its clock too): it is
 *   its own row. The run starts right after the load, whose garbage is collected during it;
 * - standalone pipe: the same session texts, each written to a file and fed to the same command
 *   started the same way (no shell for a plain command line), `DEFAULT_SESSION_LANES` at a time,
 *   output discarded (an implementation that listens: the first session on stdio and the rest in
 *   turn on one listening process, as the harness runs them); for the in-process reference, its
 *   sessions called on the same lines with no comparison. Each round runs right after a load of
 *   the corpus (untimed), on the fixtures just loaded, as the harness's does; the figure on a
 *   settled heap is in the notes;
 * - load: `loadFixtures` over the corpus, with the checks and canonical texts kept from an
 *   earlier run (every parity run in a checkout) and without them (a fresh clone's first run).
 * The machine is shared: harness and standalone alternate, and the best of the rounds of each
 * is compared (the least disturbed run of each); medians and load averages are in the notes.
 * Target: standalone / harness >= 0.77 (the harness costs at most 30 % on top).
 */
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { builtinImplementations } from '../../src/harness/builtin-implementations.js';
import { startCommand } from '../../src/harness/command-process.js';
import { loadFixtures } from '../../src/harness/fixture-file.js';
import type { PlannedFixture } from '../../src/harness/fixture-run.js';
import type { Implementation } from '../../src/harness/implementation.js';
import { runParity } from '../../src/harness/parity-run.js';
import { SessionHost } from '../../src/harness/session-host.js';
import { DEFAULT_SESSION_LANES, sessionInputs } from '../../src/harness/process-driver.js';
import { FRESH_FRAME, fixtureLines, helloLine, placeFixture } from '../../src/harness/session-frame.js';
import { ensureRustKernel } from '../../src/harness/rust-kernel-build.js';
import { ensureTsServer } from '../../src/harness/ts-server-build.js';
import { defaultVerifiedFixtures, openVerifiedFixtures } from '../../src/harness/verified-fixtures.js';
import type { BenchContext, BenchRatio, BenchRow, BenchSection } from './kit/types.js';


/** Milliseconds for the implementation alone to answer the same lines. */
async function standaloneMs(implementation: Implementation, planned: readonly PlannedFixture[], root: string): Promise<number> {
  if (implementation.kind === 'in-process') {
    const hello = Buffer.from(helloLine(), 'utf8');
    const started = performance.now();
    for (const entry of planned) {
      const session = implementation.createSession();
      if (entry.placement.opening !== 'bare') session.answer(hello);
      for (const line of fixtureLines(entry.loaded.fixture, entry.placement, FRESH_FRAME)) session.answer(line);
    }
    return performance.now() - started;
  }
  const dir = mkdtempSync(join(tmpdir(), 'lockstep-bench-parity-'));
  try {
    const inputs = sessionInputs(planned);
    const files = inputs.map((input, index) => {
      const file = join(dir, `session-${index}.jsonl`);
      writeFileSync(file, input);
      return file;
    });
    const started = performance.now();
    if (implementation.listen !== undefined && files.length > 1) {
      // As the harness runs it: the first session on stdio beside the rest, in turn, on one listening process.
      const host = new SessionHost(implementation.listen, root, 10_000);
      await Promise.all([spawnSessions(implementation, files.slice(0, 1), root, 1), hostSessions(host, inputs.slice(1))]);
      await host.close();
      if (host.problems.length > 0) throw new Error(host.problems.join('; '));
    } else {
      // The same number of sessions at a time as the harness runs, so that the ratio compares like with like.
      await spawnSessions(implementation, files, root, DEFAULT_SESSION_LANES);
    }
    return performance.now() - started;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Each session's input written to a listening process in turn, every answer read and dropped. */
async function hostSessions(host: SessionHost, inputs: readonly Buffer[]): Promise<void> {
  for (const input of inputs) {
    const session = await host.open();
    // The input ends with a newline, which write() adds back after the one piece it is given.
    void session.write([input.subarray(0, input.length - 1)]);
    session.endInput();
    for (let received = await session.next(Date.now() + 10_000); ; received = await session.next(Date.now() + 10_000)) {
      if (received.kind === 'line') continue;
      if (received.kind !== 'closed' || received.error !== undefined) throw new Error(`a session on ${host.command} ended with ${JSON.stringify(received)}`);
      break;
    }
  }
}

/** Each file fed to a new process of the command, `lanes` at a time, output discarded. */
async function spawnSessions(implementation: Extract<Implementation, { kind: 'process' }>, files: readonly string[], root: string, lanes: number): Promise<void> {
  let taken = 0;
  const lane = async (): Promise<void> => {
    while (taken < files.length) {
      const file = files[taken]!;
      taken += 1;
      await new Promise<void>((resolvePromise, reject) => {
        // Started as the harness starts it: directly when the command is a plain argument list,
        // in a process group of its own (detached: a new session, which on Linux with
        // autogrouping is also a scheduling group of its own: under load that alone changes
        // the wall time, so both figures must have it).
        const input = openSync(file, 'r');
        const child = startCommand(implementation.command, [], { cwd: root, stdio: [input, 'ignore', 'inherit'] });
        child.on('error', reject);
        child.on('close', (code) => {
          closeSync(input);
          if (code === 0) resolvePromise();
          else reject(new Error(`${implementation.command} exited ${code} on ${file}`));
        });
      });
    }
  };
  await Promise.all(Array.from({ length: Math.min(lanes, files.length) }, lane));
}

/** One harness run of one implementation alone, judged against the golden answers: its wall ms. */
async function harnessRunMs(implementation: Implementation, fixturesRoot: string, root: string): Promise<HarnessRun> {
  const verified = defaultVerifiedFixtures();
  const result = await runParity({
    fixturesRoot,
    repoRoot: root,
    implementations: [implementation],
    selectors: [],
    timeoutMs: 10_000,
    knownDivergences: [],
    ...(verified !== undefined ? { verified } : {}),
  });
  if (result.kind !== 'ran') throw new Error('fixtures refused');
  if (result.failed) throw new Error(`${implementation.name} failed the parity run (see pnpm parity --impl ${implementation.name})`);
  const summary = result.summaries[0]!;
  return { ms: summary.wallMs, steps: summary.steps, sessions: summary.sessions, processes: summary.processes ?? 0 };
}

interface HarnessRun {
  readonly ms: number;
  readonly steps: number;
  readonly sessions: number;
  readonly processes: number;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function loadAverages(): string {
  return loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');
}

/** Milliseconds to load the corpus: with the kept checks and texts, and with none (into a scratch cache). */
function loadRows(fixturesRoot: string, rounds: number): BenchRow[] {
  const timed = (open: () => Parameters<typeof loadFixtures>[1]): number => {
    const verified = open();
    const started = performance.now();
    const loaded = loadFixtures(fixturesRoot, verified);
    const ms = performance.now() - started;
    if (!loaded.ok) throw new Error('fixtures refused');
    return ms;
  };
  const scratch = mkdtempSync(join(tmpdir(), 'lockstep-bench-kept-'));
  try {
    const warm: number[] = [];
    const cold: number[] = [];
    for (let round = 0; round < rounds; round += 1) {
      warm.push(timed(defaultVerifiedFixtures));
      // A new scratch file each round: nothing kept, every file checked and serialised (and kept).
      cold.push(timed(() => openVerifiedFixtures(join(scratch, `kept-${round}.json`))));
    }
    return [
      { name: 'load, checks and texts kept', value: Math.min(...warm), unit: 'ms', note: `best of ${warm.length}, median ${median(warm).toFixed(0)} ms: read, hash, JSON.parse, adopt the kept texts (every run in a checkout)` },
      { name: 'load, nothing kept', value: Math.min(...cold), unit: 'ms', note: `best of ${cold.length}, median ${median(cold).toFixed(0)} ms: strict parse, validate, serialise the texts and keep them (a fresh clone's first run)` },
    ];
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** How the standalone pipe's sessions run, for the notes. */
function sessionsNote(implementation: Implementation, run: HarnessRun): string {
  if (implementation.kind === 'in-process') return `${run.sessions} in-process sessions`;
  if (implementation.listen !== undefined) return `${run.sessions} sessions in ${run.processes} processes (the first on stdio, the rest on one listening process)`;
  return `${run.sessions} processes, ${DEFAULT_SESSION_LANES} at a time`;
}

/** The corpus loaded afresh, as a parity run loads it (the kept texts adopted). */
function freshPlanned(fixturesRoot: string): PlannedFixture[] {
  const loaded = loadFixtures(fixturesRoot, defaultVerifiedFixtures());
  if (!loaded.ok) throw new Error('fixtures refused');
  return loaded.fixtures.map((entry) => ({ loaded: entry, placement: placeFixture(entry.fixture) }));
}

/**
 * Harness and standalone alternately, `rounds` times each: their rows and ratio. A harness run
 * starts right after its own load of the corpus, whose garbage is collected during the run; so
 * the standalone pipe that the ratio compares with runs right after a load too (untimed, like
 * the harness's), on the fixtures just loaded. The standalone on a settled heap is in the notes.
 */
async function costRows(implementation: Implementation, planned: readonly PlannedFixture[], fixturesRoot: string, root: string, rounds: number): Promise<{ rows: BenchRow[]; ratio: BenchRatio }> {
  const harness: HarnessRun[] = [];
  const alone: number[] = [];
  const settled: number[] = [];
  const loadBefore = loadAverages();
  for (let round = 0; round < rounds; round += 1) {
    harness.push(await harnessRunMs(implementation, fixturesRoot, root));
    alone.push(await standaloneMs(implementation, freshPlanned(fixturesRoot), root));
    settled.push(await standaloneMs(implementation, planned, root));
  }
  const best = harness.reduce((a, b) => (b.ms < a.ms ? b : a));
  const expectedSessions = implementation.kind === 'in-process' ? planned.length : sessionInputs(planned).length;
  if (best.sessions !== expectedSessions) throw new Error(`${implementation.name}: the harness ran ${best.sessions} sessions, the standalone pipe ${expectedSessions}: not like with like`);
  const aloneMs = Math.min(...alone);
  const harnessMedian = median(harness.map((run) => run.ms));
  const rows: BenchRow[] = [
    { name: `${implementation.name}, harness`, value: (best.steps * 1000) / best.ms, unit: 'steps/s', note: `${best.steps} steps, best ${best.ms.toFixed(0)} ms of ${harness.length} (median ${harnessMedian.toFixed(0)}), ${sessionsNote(implementation, best)}, judging included, right after its load` },
    {
      name: `${implementation.name}, standalone pipe`,
      value: (best.steps * 1000) / aloneMs,
      unit: 'steps/s',
      note: `best ${aloneMs.toFixed(0)} ms of ${alone.length} (median ${median(alone).toFixed(0)}), the same sessions, right after a load; on a settled heap best ${Math.min(...settled).toFixed(0)} ms (median ${median(settled).toFixed(0)}); load averages ${loadBefore} before, ${loadAverages()} after`,
    },
  ];
  const ratio = { name: `${implementation.name}: standalone ms / harness ms`, value: aloneMs / best.ms, note: `best against best; medians give ${(median(alone) / harnessMedian).toFixed(2)}; target >= 0.77 (<= 30 % overhead)` };
  return { rows, ratio };
}

export async function run(ctx: BenchContext): Promise<BenchSection> {
  const fixturesRoot = join(ctx.root, 'fixtures');
  const verified = defaultVerifiedFixtures();
  const loaded = loadFixtures(fixturesRoot, verified);
  if (!loaded.ok) throw new Error(`fixtures refused: ${loaded.problems.map((p) => `${p.file} ${p.pointer}: ${p.reason}`).join('; ')}`);
  const planned = loaded.fixtures.map((entry) => ({ loaded: entry, placement: placeFixture(entry.fixture) }));
  ensureRustKernel((line) => ctx.log(line));
  const bundled = ensureTsServer(ctx.root);
  if (bundled !== undefined) throw new Error(bundled);
  // Warm the in-process engine's JIT first, so that neither measurement of it runs cold.
  const reference = builtinImplementations.find((i) => i.kind === 'in-process')!;
  await standaloneMs(reference, planned, ctx.root);
  const wallRounds = ctx.quick ? 1 : 3;
  const walls: number[] = [];
  let failed = false;
  for (let round = 0; round < wallRounds; round += 1) {
    ctx.log(`parity over ${planned.length} fixtures, all implementations (${round + 1}/${wallRounds})`);
    const started = performance.now();
    const result = await runParity({
      fixturesRoot,
      repoRoot: ctx.root,
      implementations: builtinImplementations,
      selectors: [],
      timeoutMs: 10_000,
      knownDivergences: [],
      ...(verified !== undefined ? { verified } : {}),
    });
    walls.push(performance.now() - started);
    if (result.kind !== 'ran') throw new Error('fixtures refused');
    failed ||= result.failed;
  }
  const rows: BenchRow[] = [
    {
      name: 'corpus, all implementations, wall',
      value: Math.min(...walls) / 1000,
      unit: 's',
      note: `${planned.length} fixtures, best of ${walls.length} (in this process: no CLI start-up; loading included); target < 3 s${failed ? '; the run FAILED (see pnpm parity)' : ''}`,
    },
    ...loadRows(fixturesRoot, ctx.quick ? 1 : 3),
  ];
  const ratios: BenchRatio[] = [];
  const rounds = ctx.quick ? 2 : 10;
  for (const implementation of builtinImplementations) {
    ctx.log(`${implementation.name}: harness and standalone, ${rounds} rounds each`);
    const measured = await costRows(implementation, planned, fixturesRoot, ctx.root, rounds);
    rows.push(...measured.rows);
    ratios.push(measured.ratio);
  }
  return { title: 'parity harness over the corpus', rows, ratios };
}
