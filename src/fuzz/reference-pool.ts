/**
 * Generation and the reference leg (reference engine, state invariants, the reference's
 * response invariants) are pure CPU work per scenario; a target leg is mostly waiting on a
 * child process. The pool cuts each batch's reference leg into chunks that worker threads
 * and the main thread take as they come free: the main thread runs chunks whenever it would
 * otherwise wait (for a worker starting, or for a target answering the previous batch), so
 * every core is busy and the target legs overlap the next batch's reference leg.
 *
 * Chunks are joined back in seed order: the scenarios, answers and failures are exactly
 * those of the single-threaded path (`generateScenario` + `checkReference`), so every seed
 * stays reproducible and the first failure of a batch is the same.
 */
import { Worker } from 'node:worker_threads';
import type { FixtureRun, ImplementationRun } from '../harness/fixture-run.js';
import { adoptRequestTexts } from '../harness/session-frame.js';
import type { ReferenceCheck, ScenarioFailure } from './fuzz-engine.js';
import { runReferenceTask, type ReferenceTask, type ReferenceTaskResult } from './reference-chunk.js';
import type { Scenario } from './scenario.js';
import type { LevelChoice, ScenarioArbitraryConstraints } from './scenario-arbitrary.js';

/** A batch's reference leg, joined from its chunks. */
export interface PooledBatch {
  readonly scenarios: Scenario[];
  readonly checked: ReferenceCheck;
  /** Generation time summed over the chunks (CPU time, not wall time). */
  readonly generationMs: number;
  readonly coverage: ReferenceTaskResult['coverage'][];
}

/** Small enough to balance the threads, large enough that messages cost little. */
const CHUNK = 20;
/** Chunks a worker holds at once, so it never waits for the main thread to hand it the next. */
const IN_FLIGHT = 2;

interface Pending {
  readonly task: ReferenceTask;
  readonly done: (r: ReferenceTaskResult) => void;
  readonly fail: (e: Error) => void;
}

interface PoolWorker {
  readonly worker: Worker;
  ready: boolean;
  readonly running: Map<number, Pending>;
}

/**
 * Run from sources (tsx), the worker's entry is TypeScript: Node 20 resolves a worker's entry
 * before any `--import` hook of the worker runs, so a small bootstrap registers tsx's loader
 * first and then imports the entry.
 */
function startWorker(url: URL): Worker {
  if (!url.pathname.endsWith('.ts')) return new Worker(url);
  const api = import.meta.resolve('tsx/esm/api');
  const code = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(url.href)}); });`;
  return new Worker(code, { eval: true });
}

export class ReferencePool {
  private readonly workers: PoolWorker[];
  private readonly queue: Pending[] = [];
  private nextId = 0;
  private mainScheduled = false;
  private closed = false;
  /** Off while the main thread drives targets: a chunk run then would stall their pipes. */
  private mainMayHelp = true;

  constructor(size: number) {
    const url = new URL(`./reference-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);
    this.workers = Array.from({ length: Math.max(0, size) }, () => {
      const w: PoolWorker = { worker: startWorker(url), ready: false, running: new Map() };
      w.worker.on('message', (m: ReferenceTaskResult | 'ready') => {
        if (m === 'ready') w.ready = true;
        else {
          const p = w.running.get(m.id);
          w.running.delete(m.id);
          p?.done(m);
        }
        this.pump();
      });
      w.worker.on('error', (e) => {
        // A broken worker fails what it held; the rest of the run goes on without it.
        this.workers.splice(this.workers.indexOf(w), 1);
        for (const p of w.running.values()) p.fail(e);
        w.running.clear();
      });
      return w;
    });
  }

  /** Hands queued chunks to ready workers, and schedules the main thread for the rest. */
  private pump(): void {
    if (this.closed) return;
    for (const w of this.workers) {
      while (w.ready && w.running.size < IN_FLIGHT && this.queue.length > 0) {
        const p = this.queue.shift()!;
        w.running.set(p.task.id, p);
        w.worker.postMessage(p.task);
      }
    }
    if (this.queue.length > 0 && !this.mainScheduled && this.mainMayHelp) {
      this.mainScheduled = true;
      // setImmediate: pending I/O (a target's answers, a worker's results) goes first.
      setImmediate(() => {
        this.mainScheduled = false;
        if (this.closed || !this.mainMayHelp) return;
        const p = this.queue.shift();
        if (p !== undefined) {
          try {
            p.done(runReferenceTask(p.task));
          } catch (error) {
            p.fail(error as Error);
          }
        }
        this.pump();
      });
    }
  }

  /** Whether the main thread may run chunks (it may not while it drives a target leg). */
  setMainMayHelp(may: boolean): void {
    this.mainMayHelp = may;
    if (may) this.pump();
  }

  private chunk(task: Omit<ReferenceTask, 'id'>): Promise<ReferenceTaskResult> {
    return new Promise((done, fail) => {
      this.queue.push({ task: { ...task, id: this.nextId++ }, done, fail });
      this.pump();
    });
  }

  async run(seeds: readonly number[], level: LevelChoice, generator: ScenarioArbitraryConstraints | undefined, skipKernelInvariants: boolean): Promise<PooledBatch> {
    const chunks: Promise<ReferenceTaskResult>[] = [];
    for (let from = 0; from < seeds.length; from += CHUNK) {
      chunks.push(this.chunk({ seeds: seeds.slice(from, from + CHUNK), firstIndex: from, level, generator, skipKernelInvariants }));
    }
    const parts = await Promise.all(chunks);
    const fixtures: FixtureRun[] = [];
    const failures: (ScenarioFailure | undefined)[] = [];
    const scenarios: Scenario[] = [];
    let steps = 0;
    let generationMs = 0;
    const timings = { reference: 0, invariants: 0 };
    for (const p of parts) {
      // A chunk run on this thread already cached its texts; a worker's copies adopt theirs.
      p.checked.reference.fixtures.forEach((run, i) => adoptRequestTexts(run.planned.loaded.fixture, p.texts[i]!));
      scenarios.push(...p.scenarios);
      fixtures.push(...p.checked.reference.fixtures);
      failures.push(...p.checked.failures);
      steps += p.checked.steps;
      generationMs += p.generationMs;
      timings.reference += p.checked.timings.reference;
      timings.invariants += p.checked.timings.invariants;
    }
    const first: ImplementationRun = parts[0]!.checked.reference;
    const wallMs = parts.reduce((s, p) => s + p.checked.reference.wallMs, 0);
    const reference: ImplementationRun = { ...first, fixtures, sessions: fixtures.length, wallMs };
    return { scenarios, checked: { reference, failures, steps, timings }, generationMs, coverage: parts.map((p) => p.coverage) };
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
  }
}
