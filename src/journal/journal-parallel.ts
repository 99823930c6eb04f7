// A full verify spread over threads: the range after the header is cut at checkpoints into
// segments (journal-segments.ts); worker threads verify segments from the last one down, each
// from the state its checkpoint claims, while this thread verifies from the first one up with
// the true state and joins: a worker's segment is accepted only when the chain so far ends in
// exactly the state it claimed. At the first segment that is damaged, or does not join, or was
// not verified, this thread verifies in order from there to the end with the true state, so the
// decision (case, counts, the first damaged record, its offset and reason) is the sequential one.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { verifyChainRange, type RangeCheck } from './chain-range.js';
import type { ChainState } from './chained-line.js';
import { adoptState, sameState, segmentStarts, type SegmentOutcome, type SegmentTask } from './journal-segments.js';
import { CLAIMED, FREE, VERIFIED, type SegmentJob } from './segment-claims.js';

/**
 * Journals with fewer bytes after the header are verified on one thread. A parallel verify pays
 * for bundling the worker once per process (~0.1 s from sources), starting each worker (~0.1 s)
 * and the worker's first segment running before its code is optimised (about twice as slow):
 * measured, two threads were slower than one at 24 MB and about 1.4 times as fast once started.
 */
export const PARALLEL_VERIFY_FROM_BYTES = 32 * 1024 * 1024;
/** Threads at most, this one included. */
export const VERIFY_THREADS_MAX = 8;
/** Segments per thread: small enough that threads finish together, large enough to join cheaply. */
const SEGMENTS_PER_THREAD = 4;
/** How long this thread waits for a worker's segment before verifying it itself (a stuck worker). */
const WORKER_STALL_MS = 10 * 60 * 1000;

export interface VerifyOptions {
  /** Threads to use, this one included (default: idleThreads, at most VERIFY_THREADS_MAX). */
  readonly threads?: number;
  /** Range size from which threads are used (default PARALLEL_VERIFY_FROM_BYTES). */
  readonly parallelFromBytes?: number;
  /**
   * Whether this thread verifies segments beyond the first when it reaches one no worker has
   * claimed (default true). False leaves them all to the workers: tests use it to be sure the
   * workers' outcomes are what gets joined.
   */
  readonly mainThreadHelps?: boolean;
}

/** The worker's entry next to this module (the bundled command ships it beside its chunks); when missing, one thread verifies. */
function workerUrl(): URL | undefined {
  const url = new URL(`./segment-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);
  return existsSync(fileURLToPath(url)) ? url : undefined;
}

/**
 * This thread and one per core the machine has had idle over the last minute (cores less the
 * load average): a worker on a busy core only takes its share from this thread, and its start-up
 * and cold first segment made a verify on a loaded 2-core machine about twice as slow.
 */
export function idleThreads(cores: number, load: number): number {
  return Math.max(1, Math.min(cores, 1 + Math.round(cores - load)));
}

/** How many threads a full verify of `bytes` (after the header) uses. */
export function verifyThreads(bytes: number, o: VerifyOptions = {}): number {
  if (bytes < (o.parallelFromBytes ?? PARALLEL_VERIFY_FROM_BYTES) || workerUrl() === undefined) return 1;
  return Math.max(1, Math.min(o.threads ?? idleThreads(availableParallelism(), loadavg()[0]!), VERIFY_THREADS_MAX));
}

/** The worker's entry bundled into one CommonJS script by esbuild (a source checkout only), once per process. */
let bundled: string | undefined;

function bundledWorker(url: URL): string | undefined {
  try {
    const esbuild = createRequire(import.meta.url)('esbuild') as typeof import('esbuild');
    bundled ??= esbuild.buildSync({ entryPoints: [fileURLToPath(url)], bundle: true, platform: 'node', format: 'cjs', target: 'node20', write: false, logLevel: 'silent' })
      .outputFiles[0]!.text;
    return bundled;
  } catch {
    return undefined;
  }
}

/**
 * Run from sources, the entry is TypeScript. Loading it through tsx in each worker costs about
 * half a second (tsx and its compiler start per thread); bundled once by esbuild (a dev
 * dependency, there in any checkout) a worker starts in tens of milliseconds. Without esbuild, a
 * small bootstrap registers tsx's loader first (Node 20 resolves a worker's entry before any
 * `--import` hook of the worker runs).
 */
function startWorker(url: URL, job: SegmentJob, port: MessagePort): Worker {
  const options = { workerData: { ...job, port }, transferList: [port] };
  if (!url.pathname.endsWith('.ts')) return new Worker(url, options);
  const script = bundledWorker(url);
  if (script !== undefined) return new Worker(script, { ...options, eval: true });
  const api = import.meta.resolve('tsx/esm/api');
  const code = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(url.href)}); });`;
  return new Worker(code, { ...options, eval: true });
}

interface Pool {
  readonly workers: Worker[];
  readonly ports: MessagePort[];
  readonly outcomes: Map<number, SegmentOutcome>;
}

function startPool(url: URL, job: SegmentJob, count: number): Pool {
  const pool: Pool = { workers: [], ports: [], outcomes: new Map() };
  for (let i = 0; i < count; i += 1) {
    const { port1, port2 } = new MessageChannel();
    const w = startWorker(url, job, port2);
    // A worker that fails to start claims nothing: its segments are verified here.
    w.on('error', () => undefined);
    w.unref();
    pool.workers.push(w);
    pool.ports.push(port1);
  }
  return pool;
}

function stopPool(pool: Pool): void {
  for (const p of pool.ports) p.close();
  for (const w of pool.workers) void w.terminate();
}

/** A worker's outcome for segment `i` once it marked it verified; undefined when it did not. */
function workerOutcome(pool: Pool, status: Int32Array, i: number): SegmentOutcome | undefined {
  // FREE only when this thread leaves the segments to the workers (mainThreadHelps false).
  for (let s = Atomics.load(status, i); s === FREE || s === CLAIMED; s = Atomics.load(status, i)) {
    if (Atomics.wait(status, i, s, WORKER_STALL_MS) === 'timed-out') return undefined;
  }
  if (Atomics.load(status, i) !== VERIFIED) return undefined;
  while (!pool.outcomes.has(i)) {
    let got = false;
    for (const port of pool.ports) {
      for (let m = receiveMessageOnPort(port); m !== undefined; m = receiveMessageOnPort(port)) {
        const o = m.message as SegmentOutcome;
        pool.outcomes.set(o.segment, o);
        got = true;
      }
    }
    if (!got) return undefined;
  }
  return pool.outcomes.get(i);
}

/** Where the joiner gets segment i from: this thread verifies it (claim), or another thread's outcome. */
export interface SegmentSource {
  /** Whether this thread takes segment i itself (the first is always its own). */
  claim(i: number): boolean;
  /** Another thread's outcome for segment i; undefined when there is none to trust. */
  outcome(i: number): SegmentOutcome | undefined;
}

/**
 * Walks the segments in order with the true state: a segment this thread takes is verified from
 * it; another thread's is accepted only when it verified and claimed exactly that state, and its
 * end state is adopted. At the first segment that is neither, verifies in order to `to`.
 */
export function joinSegments(fd: number, tasks: readonly SegmentTask[], to: number, state: ChainState, source: SegmentSource): RangeCheck {
  for (let i = 0; i < tasks.length; i += 1) {
    const task = tasks[i]!;
    if (i === 0 || source.claim(i)) {
      // Verified from the true state, so its damage is the sequential one.
      const own = verifyChainRange(fd, task.start, task.end, state);
      if (own.damage !== undefined) return own;
      continue;
    }
    const o = source.outcome(i);
    if (o?.claimed === undefined || o.end === undefined || !sameState(state, o.claimed)) return verifyChainRange(fd, task.start, to, state);
    adoptState(state, o.end, o.runBuildId);
  }
  return { validBytes: to };
}

/** The segments of [from, to) for `threads` threads: at least two, else undefined. */
export function segmentTasks(fd: number, from: number, to: number, interval: number, threads: number): SegmentTask[] | undefined {
  const starts = segmentStarts(fd, from, to, threads * SEGMENTS_PER_THREAD);
  if (starts.length < 2) return undefined;
  return starts.map((start, i) => ({ segment: i, start, end: starts[i + 1] ?? to, interval }));
}

/** verifyChainRange over [from, to) on `threads` threads, with the same result and final state. */
export function verifyChainParallel(path: string, fd: number, from: number, to: number, state: ChainState, threads: number, o: VerifyOptions = {}): RangeCheck {
  const url = workerUrl();
  const tasks = threads < 2 || url === undefined ? undefined : segmentTasks(fd, from, to, state.interval, threads);
  if (tasks === undefined || url === undefined) return verifyChainRange(fd, from, to, state);
  const job: SegmentJob = { path, tasks, status: new SharedArrayBuffer(4 * tasks.length) };
  const status = new Int32Array(job.status);
  status[0] = CLAIMED;
  const pool = startPool(url, job, Math.min(threads - 1, tasks.length - 1));
  const helps = o.mainThreadHelps ?? true;
  try {
    return joinSegments(fd, tasks, to, state, {
      claim: (i) => helps && Atomics.compareExchange(status, i, FREE, CLAIMED) === FREE,
      outcome: (i) => workerOutcome(pool, status, i),
    });
  } finally {
    stopPool(pool);
  }
}
