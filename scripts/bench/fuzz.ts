/**
 * Bench section `fuzz`: generated scenarios of about 50 steps (levels mixed as `pnpm fuzz`
 * mixes them) through the reference engine in process and the Rust kernel, with the state
 * invariants checked after every step; scenarios per second and per minute, over the whole
 * run and once warm (`steadyRate`; the targets: at least 50,000 scenarios of 50 steps per
 * minute, and the fuzz loop within 4x of the Rust kernel's own pipe throughput on the same
 * scenarios), and where the time goes: generation
 * (which runs the reference kernel in the loop for realistic lifecycles), the reference
 * engine's protocol session, the invariant checks (snapshots and checks of that session's
 * kernel, in the same pass), the Rust kernel alone (the same lines
 * piped from a file, output thrown away), and the harness (driving Rust and comparing,
 * i.e. the Rust leg minus the Rust kernel alone). Generation and the reference leg run on a
 * worker thread and the main thread (`reference-pool.ts`), as `pnpm fuzz` runs them, so the
 * shares are of CPU time summed over threads, not of wall time. The machine may be shared:
 * besides wall-clock figures, the loop's CPU time (all threads, plus the Rust kernel's own)
 * gives a per-minute estimate and a ratio to the Rust kernel that load barely moves. Then the
 * loop's floor and ceiling (`fuzz-floor.ts`): each stage alone on one thread, and what their
 * sum allows on this machine's cores, so that the targets are read against what any
 * arrangement of the same work could reach. Last, the merge of 256 shard
 * result files (`lockstep fuzz merge`: read, validate, dedupe, write), the size of a CI matrix.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { runFuzz, generateScenario, scenarioSeed } from '../../src/fuzz/fuzz-run.js';
import { scenarioFixture } from '../../src/fuzz/scenario-fixture.js';
import { ensureRustKernel, RUST_BINARY } from '../../src/harness/implementation.js';
import { sessionInputs } from '../../src/harness/process-driver.js';
import { placeFixture } from '../../src/harness/session-frame.js';
import { planTasks } from '../../src/fuzz/fuzz-task.js';
import { readShardFile, ShardFileWriter } from '../../src/fuzz/shard-file.js';
import { mergeShards, mergedReportText } from '../../src/fuzz/shard-merge.js';
import type { BenchContext, BenchRow, BenchSection } from './kit/types.js';
import { loopPerStep, timedFloor, type FuzzFloor } from './fuzz-floor.js';

const STEPS = 50;

/**
 * Milliseconds for the Rust kernel alone to answer the lines the harness would send: wall
 * time, and CPU time (user + system of the kernel processes, from the shell's `times`), which
 * a shared machine's load inflates far less than wall time.
 */
function rustAloneMs(root: string, seed: number, runs: number): { wall: number; cpu: number } {
  const fixtures = Array.from({ length: runs }, (_, k) => scenarioFixture(generateScenario('all', scenarioSeed(seed, k, { index: 0, count: 1 }), { minCommands: STEPS, maxCommands: STEPS }), { name: `bench-${k}` }));
  const planned = fixtures.map((fixture) => ({ loaded: { file: fixture.name, fixture }, placement: placeFixture(fixture) }));
  const dir = mkdtempSync(join(tmpdir(), 'lockstep-bench-fuzz-'));
  try {
    // Each session's input exactly as the harness writes it.
    const files = sessionInputs(planned).map((input, i) => {
      const file = join(dir, `s${i}.jsonl`);
      writeFileSync(file, input);
      return file;
    });
    const script = `${files.map((f) => `${RUST_BINARY} < '${f}' > /dev/null`).join('\n')}\ntimes`;
    // The best of three: the kernel alone takes a fraction of a second, which one burst of
    // another process's load can double.
    let best = { wall: Infinity, cpu: Infinity };
    for (let round = 0; round < 3; round++) {
      const started = performance.now();
      const times = execFileSync('sh', ['-c', script], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
      best = { wall: Math.min(best.wall, performance.now() - started), cpu: Math.min(best.cpu, childCpuMs(times)) };
    }
    return best;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The children's user + system time from the second line of `times` (`0m0.150s 0m0.020s`). */
function childCpuMs(times: string): number {
  const line = times.trim().split('\n')[1] ?? '';
  const ms = [...line.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => (Number(m[1]) * 60 + Number(m[2])) * 1000);
  if (ms.length !== 2) throw new Error(`bench fuzz: cannot read the shell's times output: ${JSON.stringify(times)}`);
  return ms[0]! + ms[1]!;
}

const SHARD_FILES = 256;

/** Times `fuzz merge` over 256 shard files of 40 failures each (8 signatures) and full coverage lines. */
function mergeRow(): BenchRow {
  const dir = mkdtempSync(join(tmpdir(), 'lockstep-bench-merge-'));
  try {
    const tasks = planTasks({ commit: 'bench', target: 'rust', level: 'all', shards: SHARD_FILES, epoch: 0, runs: 1000, corpus_hash: `sha256:${'0'.repeat(64)}` });
    const cells = (n: number) => Array.from({ length: n }, (_, i) => ({ key: `CELL_${i} -T-> NEXT_${i}`, count: 1 + i }));
    const files = tasks.map((task, i) => {
      const file = join(dir, `shard-${i}.jsonl`);
      const w = new ShardFileWriter(file, { task, build: { lockstep: '0.1.0', node: process.version, target: 'rust' }, contracts_hash: `sha256:${'1'.repeat(64)}` });
      for (let f = 0; f < 40; f++) {
        const facts = { step_kind: 'intent:ENTER', pointer: `/result/slots/*/f${f % 8}`, cell: '', codes: { reference: 'OK', target: 'OK' } };
        w.write({ record: 'failure', signature: `divergence | rust | intent:ENTER | ${facts.pointer} | - | OK/OK`, seed: i * 1000 + f, source: 'generated', kind: 'divergence', implementation: 'rust', step: f, steps: 10 + ((i * 7 + f) % 50), facts, summary: `seed ${i * 1000 + f}` });
      }
      w.write({ record: 'coverage', slot: cells(30), order: cells(40) });
      w.close({ complete: true, runs: 1000, steps: 50_000, corpus_replayed: 1, regressions_replayed: 0, elapsed_ms: 60_000 });
      return file;
    });
    const started = performance.now();
    const text = mergedReportText(mergeShards(files.map((f) => readShardFile(f)), new Map()));
    const ms = performance.now() - started;
    return { name: `merge ${SHARD_FILES} shard files`, value: ms, unit: 'ms', note: `${SHARD_FILES * 40} failure lines, 8 signatures, merged report ${(text.length / 1024).toFixed(0)} KiB` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * What the floor allows on `cores` cores if they did nothing else: scenarios of STEPS steps per
 * minute, and the loop's best ratio to the Rust kernel alone (its CPU per step on one core).
 */
function ceiling(floor: FuzzFloor, rustPerStep: number, cores: number): { perMinute: number; rustRatio: number; perStep: number } {
  const perStep = loopPerStep(floor) + rustPerStep;
  return { perMinute: (cores * 60e6) / (perStep * STEPS), rustRatio: perStep / cores / rustPerStep, perStep };
}

function floorRows(floor: FuzzFloor, bound: { perMinute: number; perStep: number }): BenchRow[] {
  const note = `one thread, warm, best of several passes over ${floor.steps} steps built beforehand`;
  const stage = (name: string, us: number, what: string): BenchRow => ({ name: `floor: ${name}`, value: us, unit: 'us/step', note: what });
  return [
    stage('generation', floor.generation, `drawing scenarios, the reference kernel in the loop; ${note}`),
    stage('request texts', floor.requestTexts, 'canonical request lines, written once per scenario'),
    stage('reference session', floor.referenceSession, 'parse, validate, kernel step, canonical answer'),
    stage('coverage and response checks', floor.responseChecks, 'over the reference session'),
    stage('state invariants', floor.stateInvariants, 'snapshot and checks after each step, over the reference session'),
    stage('harness', floor.harness, 'wire lines built and answers judged, for a target answering as the reference (pipes not counted)'),
    stage('fuzz loop', loopPerStep(floor), 'the six above'),
    stage('fuzz loop and rust kernel', bound.perStep, 'with the rust kernel alone per step (its CPU on the run above)'),
    { name: 'ceiling', value: bound.perMinute, unit: 'scenarios/min', note: `${STEPS} steps each, if every core ran only this work; threads, messages, pipes and warm-up not counted` },
  ];
}

/** A point of the run's progress: scenarios done after so many milliseconds. */
interface ProgressPoint {
  readonly scenarios: number;
  readonly ms: number;
}

/**
 * The rate once the loop is warm: scenarios per millisecond between the first progress point
 * past a quarter of the run and its end. The first batches of a run are slow for reasons a
 * long job does not pay again (worker threads loading and compiling the TypeScript, the JIT
 * warming to the hot paths: the first 100 scenarios take several times as long as any later
 * 100); an overnight or CI fuzz job is almost all steady state, so the targets are judged on
 * this rate, and the whole run's rate is reported beside it.
 */
function steadyRate(points: readonly ProgressPoint[], total: number): { perMs: number; from: ProgressPoint } {
  const from = points.find((p) => p.scenarios >= total / 4) ?? points[0] ?? { scenarios: 0, ms: 0 };
  const last = points.at(-1) ?? from;
  return { perMs: last.ms > from.ms ? (last.scenarios - from.scenarios) / (last.ms - from.ms) : last.scenarios / Math.max(1, last.ms), from };
}

export async function run(ctx: BenchContext): Promise<BenchSection> {
  const problem = ensureRustKernel(ctx.root);
  if (problem) throw new Error(problem);
  // Enough scenarios that the warm loop is most of the run (see steadyRate); the time budget
  // keeps a heavily loaded machine from stretching the section past a couple of minutes.
  const runs = ctx.quick ? 2000 : 6000;
  const timeBudgetMs = ctx.quick ? 40_000 : 100_000;
  const seed = 1234;
  const regressionsDir = mkdtempSync(join(tmpdir(), 'lockstep-bench-fuzz-regressions-'));
  try {
    ctx.log(`fuzz: ${runs} scenarios of ~${STEPS} steps`);
    const points: ProgressPoint[] = [];
    const cpuBefore = process.cpuUsage();
    const report = await runFuzz({
      seed, runs, timeBudgetMs, shard: { index: 0, count: 1 }, level: 'all', targets: [{ name: 'rust', command: RUST_BINARY }],
      cwd: ctx.root, timeoutMs: 10_000, regressionsDir, stopOnFailure: false, workers: Math.max(1, cpus().length - 1),
      generator: { minCommands: STEPS, maxCommands: STEPS }, reproCommand: (s) => `pnpm fuzz --seed ${s} --runs 1`,
      onProgress: (p) => points.push({ scenarios: p.scenarios, ms: p.elapsedMs }),
    });
    const cpu = process.cpuUsage(cpuBefore);
    const secs = report.elapsed_ms / 1000;
    const perMinute = (report.scenarios / secs) * 60;
    const steady = steadyRate(points, report.scenarios);
    const steadyPerMinute = steady.perMs * 60_000;
    const t = report.timings_ms;
    const rust = rustAloneMs(ctx.root, seed, report.scenarios);
    const alone = rust.wall;
    const rustPerMs = report.scenarios / alone;
    // CPU of the whole fuzz loop: this process's threads, plus the Rust kernel's own (taken as
    // its CPU alone on the same lines: the harness's share of the child is its pipe reads).
    const loopCpuMs = (cpu.user + cpu.system) / 1000 + rust.cpu;
    const cores = cpus().length;
    const idlePerMinute = (report.scenarios / (loopCpuMs / cores / 1000)) * 60;
    const parts: [string, number][] = [
      ['generation (reference kernel in the loop)', t.generation ?? 0],
      ['reference engine, protocol session (one pass)', t.reference ?? 0],
      ['invariant checks (snapshots and checks on the session kernel)', t.invariants ?? 0],
      ['rust kernel alone', alone],
      ['harness (driving rust, comparing)', Math.max(0, (t.rust ?? 0) - alone)],
    ];
    const total = parts.reduce((s, [, v]) => s + v, 0);
    const { floor, ms: floorMs } = timedFloor(seed + 1, ctx.quick ? 200 : 400, STEPS, ctx.quick ? 3 : 5);
    ctx.log(`fuzz: floor measured in ${(floorMs / 1000).toFixed(1)} s`);
    const bound = ceiling(floor, (rust.cpu * 1000) / Math.max(1, report.steps), cores);
    return {
      title: 'fuzz: generated scenarios through both implementations',
      rows: [
        { name: 'scenarios', value: report.scenarios, unit: '', note: `${report.steps} steps, ${(report.steps / Math.max(1, report.scenarios)).toFixed(1)} steps/scenario, ${report.divergences + report.invariant_violations + report.crashes} failing (counted, not shrunk), load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores` },
        { name: 'throughput', value: report.scenarios / secs, unit: 'scenarios/s', note: `${(report.steps / secs).toFixed(0)} steps/s, the whole run (start-up and warm-up included)` },
        { name: 'throughput per minute', value: perMinute, unit: 'scenarios/min', note: `the whole run, ${(report.elapsed_ms / 1000).toFixed(1)} s (load-sensitive: see the load average above)` },
        { name: 'throughput per minute, warm', value: steadyPerMinute, unit: 'scenarios/min', note: `after the first ${steady.from.scenarios} scenarios (${(steady.from.ms / 1000).toFixed(1)} s of start-up and warm-up); target >= 50,000 of ${STEPS} steps` },
        ...parts.map(([name, ms]) => ({ name: `share: ${name}`, value: (100 * ms) / total, unit: '%', note: `${ms.toFixed(0)} ms` })),
        { name: 'rust kernel alone, per minute', value: rustPerMs * 60_000, unit: 'scenarios/min', note: 'the same lines piped from files' },
        { name: 'fuzz loop CPU per scenario', value: loopCpuMs / report.scenarios, unit: 'ms', note: `all threads and the rust kernel, the whole run; rust kernel alone ${(rust.cpu / report.scenarios).toFixed(2)} ms` },
        { name: 'per minute, from CPU time', value: idlePerMinute, unit: 'scenarios/min', note: `if all ${cores} cores were free for it: scenarios / (CPU time / cores), the whole run; a load-independent estimate` },
        ...floorRows(floor, bound),
        mergeRow(),
      ],
      ratios: [
        { name: 'scenarios per minute (warm) / target', value: steadyPerMinute / 50_000, note: 'target >= 1 (50,000 of 50 steps)' },
        { name: 'fuzz loop (warm) / rust kernel alone (wall)', value: rustPerMs / steady.perMs, note: 'target <= 4' },
        { name: 'fuzz loop / rust kernel alone (wall, whole run)', value: report.elapsed_ms / alone, note: 'start-up and warm-up included' },
        { name: 'fuzz loop / rust kernel alone (CPU)', value: loopCpuMs / cores / rust.cpu, note: `fuzz CPU spread over ${cores} cores / the kernel's CPU on one, the whole run: the wall ratio of an idle machine` },
        { name: 'ceiling / target', value: bound.perMinute / 50_000, note: `the most the floor allows on ${cores} cores, against 50,000 of ${STEPS} steps per minute` },
        { name: 'warm loop / ceiling', value: steadyPerMinute / bound.perMinute, note: 'how close the loop runs to its floor (threads, messages, the harness and warm-up are the rest)' },
        { name: 'floor / rust kernel alone', value: bound.rustRatio, note: `the best "fuzz loop / rust kernel alone" the floor allows on ${cores} cores; target <= 4` },
      ],
    };
  } finally {
    rmSync(regressionsDir, { recursive: true, force: true });
  }
}
