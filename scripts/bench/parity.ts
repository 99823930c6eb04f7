/**
 * Bench section `parity`: the whole fixture corpus through every implementation
 * with the parity harness (target: under 3 s of wall time; the TS server runs from its
 * JavaScript bundle, built before the clock starts), and for each
 * implementation its harness throughput in steps/s against its own standalone
 * throughput on the same input (the same sessions, each fed from a file to the
 * process with its output thrown away, as many at a time as the harness runs;
 * in process: the session called on the lines with no comparison). The
 * harness's time includes judging the answers. Target: the harness costs at most 30 % on top, that is a
 * ratio harness/standalone of at least 0.77.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { builtinImplementations, referenceImplementation } from '../../src/harness/builtin-implementations.js';
import { loadFixtures } from '../../src/harness/fixture-file.js';
import type { PlannedFixture } from '../../src/harness/fixture-run.js';
import { TS_SERVER_NAME, type Implementation } from '../../src/harness/implementation.js';
import { runParity } from '../../src/harness/parity-run.js';
import { DEFAULT_SESSION_LANES, planSegment, processRunOrder } from '../../src/harness/process-driver.js';
import { FRESH_FRAME, fixtureLines, helloLine, placeFixture } from '../../src/harness/session-frame.js';
import { ensureRustKernel } from '../../src/harness/rust-kernel-build.js';
import { ensureTsServer } from '../../src/harness/ts-server-build.js';
import type { BenchContext, BenchRatio, BenchRow, BenchSection } from './kit/types.js';

const NEWLINE = Buffer.from('\n');

/** The sessions the harness would write, as whole input texts. */
function sessionInputs(inFileOrder: readonly PlannedFixture[]): Buffer[] {
  const planned = processRunOrder(inFileOrder).map((index) => inFileOrder[index]!);
  const inputs: Buffer[] = [];
  for (let next = 0; next < planned.length; ) {
    const segment = planSegment(planned, next);
    const hello = planned[next]!.placement.opening === 'bare' ? [] : [Buffer.from(helloLine(), 'utf8')];
    const lines = [...hello, ...segment.flatMap((entry) => entry.lines)];
    inputs.push(Buffer.concat(lines.flatMap((line) => [line, NEWLINE])));
    next = segment.at(-1)!.index + 1;
  }
  return inputs;
}

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
    const files = sessionInputs(planned).map((input, index) => {
      const file = join(dir, `session-${index}.jsonl`);
      writeFileSync(file, input);
      return file;
    });
    // The same number of sessions at a time as the harness runs, so that the ratio compares like with like.
    const started = performance.now();
    let taken = 0;
    const lane = async (): Promise<void> => {
      while (taken < files.length) {
        const file = files[taken]!;
        taken += 1;
        await new Promise<void>((resolvePromise, reject) => {
          const child = spawn('sh', ['-c', `${implementation.command} < '${file}' > /dev/null`], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
          child.on('error', reject);
          child.on('close', (code) => (code === 0 ? resolvePromise() : reject(new Error(`${implementation.command} exited ${code} on ${file}`))));
        });
      }
    };
    await Promise.all(Array.from({ length: Math.min(DEFAULT_SESSION_LANES, files.length) }, lane));
    return performance.now() - started;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** One harness run of one implementation (judged against the reference, as in a full run): its wall ms. */
async function harnessRunMs(implementation: Implementation, fixturesRoot: string, root: string): Promise<number> {
  const implementations = implementation.kind === 'in-process' ? [implementation] : [referenceImplementation, implementation];
  const result = await runParity({ fixturesRoot, repoRoot: root, implementations, selectors: [], timeoutMs: 10_000, knownDivergences: [] });
  if (result.kind !== 'ran') throw new Error('fixtures refused');
  return result.summaries.find((s) => s.implementation === implementation.name)!.wallMs;
}

export async function run(ctx: BenchContext): Promise<BenchSection> {
  const fixturesRoot = join(ctx.root, 'fixtures');
  const loaded = loadFixtures(fixturesRoot);
  if (!loaded.ok) throw new Error(`fixtures refused: ${loaded.problems.map((p) => `${p.file} ${p.pointer}: ${p.reason}`).join('; ')}`);
  const planned = loaded.fixtures.map((entry) => ({ loaded: entry, placement: placeFixture(entry.fixture) }));
  ensureRustKernel((line) => ctx.log(line));
  const bundled = ensureTsServer(ctx.root);
  if (bundled !== undefined) throw new Error(bundled);
  // Warm the in-process engine's JIT first, so that neither measurement of it runs cold.
  const reference = builtinImplementations.find((i) => i.kind === 'in-process')!;
  await standaloneMs(reference, planned, ctx.root);
  ctx.log(`parity over ${planned.length} fixtures`);
  const started = performance.now();
  const result = await runParity({
    fixturesRoot,
    repoRoot: ctx.root,
    implementations: builtinImplementations,
    selectors: [],
    timeoutMs: 10_000,
    knownDivergences: [],
  });
  const wallMs = performance.now() - started;
  if (result.kind !== 'ran') throw new Error('fixtures refused');
  const rows: BenchRow[] = [
    { name: 'corpus, all implementations, wall', value: wallMs / 1000, unit: 's', note: `${planned.length} fixtures; target < 3 s${result.failed ? '; the run FAILED (see pnpm parity)' : ''}` },
  ];
  const ratios: BenchRatio[] = [];
  for (const summary of result.summaries) {
    const implementation = builtinImplementations.find((i) => i.name === summary.implementation)!;
    // Start-up dominated implementations are measured once (the full run above); cheap ones a few
    // more times, alternating harness and standalone, and the medians are compared (the machine is shared).
    const rounds = implementation.name === TS_SERVER_NAME || ctx.quick ? 1 : 3;
    const harnessMs: number[] = [summary.wallMs];
    const aloneMs: number[] = [];
    for (let round = 0; round < rounds; round += 1) {
      ctx.log(`standalone ${implementation.name} (${round + 1}/${rounds})`);
      aloneMs.push(await standaloneMs(implementation, planned, ctx.root));
      if (round + 1 < rounds) harnessMs.push(await harnessRunMs(implementation, fixturesRoot, ctx.root));
    }
    const harness = median(harnessMs);
    const alone = median(aloneMs);
    const harnessRate = (summary.steps * 1000) / harness;
    const aloneRate = (summary.steps * 1000) / alone;
    rows.push({ name: `${summary.implementation}, harness`, value: harnessRate, unit: 'steps/s', note: `${summary.steps} steps, median ${harness.toFixed(0)} ms of ${harnessMs.length}, ${summary.sessions} sessions, judging included` });
    rows.push({ name: `${summary.implementation}, standalone pipe`, value: aloneRate, unit: 'steps/s', note: `median ${alone.toFixed(0)} ms of ${aloneMs.length}` });
    ratios.push({ name: `${summary.implementation}: harness / standalone`, value: harnessRate / aloneRate, note: 'target >= 0.77 (<= 30 % overhead)' });
  }
  return { title: 'parity harness over the corpus', rows, ratios };
}
