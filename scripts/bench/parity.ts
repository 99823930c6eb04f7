/**
 * Bench section `parity`: the whole fixture corpus through every implementation
 * with the parity harness (target: under 30 s of wall time), and for each
 * implementation its harness throughput in steps/s against its own standalone
 * throughput on the same input (the same lines, fed from a file to the process
 * with its output thrown away; in process: the session called on the lines with
 * no comparison). Target: the harness costs at most 30 % on top, that is a
 * ratio harness/standalone of at least 0.77.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { builtinImplementations } from '../../src/harness/builtin-implementations.js';
import { loadFixtures } from '../../src/harness/fixture-file.js';
import type { PlannedFixture } from '../../src/harness/fixture-run.js';
import type { Implementation } from '../../src/harness/implementation.js';
import { runParity } from '../../src/harness/parity-run.js';
import { planSegment, processRunOrder } from '../../src/harness/process-driver.js';
import { FRESH_FRAME, fixtureLines, helloLine, placeFixture } from '../../src/harness/session-frame.js';
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
function standaloneMs(implementation: Implementation, planned: readonly PlannedFixture[], root: string): number {
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
    const started = performance.now();
    for (const file of files) {
      execFileSync('sh', ['-c', `${implementation.command} < '${file}' > /dev/null`], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
    }
    return performance.now() - started;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(ctx: BenchContext): Promise<BenchSection> {
  const fixturesRoot = join(ctx.root, 'fixtures');
  const loaded = loadFixtures(fixturesRoot);
  if (!loaded.ok) throw new Error(`fixtures refused: ${loaded.problems.map((p) => `${p.file} ${p.pointer}: ${p.reason}`).join('; ')}`);
  const planned = loaded.fixtures.map((entry) => ({ loaded: entry, placement: placeFixture(entry.fixture) }));
  for (const implementation of builtinImplementations) {
    if (implementation.kind === 'process') {
      const problem = implementation.prepare?.(ctx.root);
      if (problem) throw new Error(problem);
    }
  }
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
    { name: 'corpus, all implementations, wall', value: wallMs / 1000, unit: 's', note: `${planned.length} fixtures; target < 30 s${result.failed ? '; the run FAILED (see pnpm parity)' : ''}` },
  ];
  const ratios: BenchRatio[] = [];
  for (const summary of result.summaries) {
    const implementation = builtinImplementations.find((i) => i.name === summary.implementation)!;
    ctx.log(`standalone ${implementation.name}`);
    const aloneMs = standaloneMs(implementation, planned, ctx.root);
    const harnessRate = (summary.steps * 1000) / summary.wallMs;
    const aloneRate = (summary.steps * 1000) / aloneMs;
    rows.push({ name: `${summary.implementation}, harness`, value: harnessRate, unit: 'steps/s', note: `${summary.steps} steps, ${summary.wallMs.toFixed(0)} ms, ${summary.sessions} sessions` });
    rows.push({ name: `${summary.implementation}, standalone pipe`, value: aloneRate, unit: 'steps/s', note: `${aloneMs.toFixed(0)} ms` });
    ratios.push({ name: `${summary.implementation}: harness / standalone`, value: harnessRate / aloneRate, note: 'target >= 0.77 (<= 30 % overhead)' });
  }
  return { title: 'parity harness over the corpus', rows, ratios };
}
