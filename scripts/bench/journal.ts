/**
 * Bench section `journal`: append throughput per durability policy against a raw write of the
 * same bytes, full verify against SHA-256 over the same bytes (target: at least half), replay
 * of a long journal through each kernel, and memory while verifying journals of two lengths.
 * Sizes: `--quick` uses small journals; the full run replays 1,000,000 steps per kernel.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, fsyncSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { createHash, hash } from 'node:crypto';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { referenceImplementation, rustImplementation } from '../../src/harness/builtin-implementations.js';
import { ensureRustKernel } from '../../src/harness/implementation.js';
import type { DurabilityPolicy } from '../../src/journal/durability.js';
import { forEachRecord } from '../../src/journal/journal-records.js';
import { replayJournal } from '../../src/journal/journal-replay.js';
import { PARALLEL_VERIFY_FROM_BYTES, VERIFY_THREADS_MAX } from '../../src/journal/journal-parallel.js';
import { scanJournal } from '../../src/journal/journal-scan.js';
import { openForAppend } from '../../src/journal/open-for-append.js';
import { recordSessions } from '../../src/journal/record-sessions.js';
import { responseTextOf } from '../../src/journal/journal-sessions.js';
import type { BenchContext, BenchRow, BenchSection } from './kit/types.js';

const WRITER = { name: 'bench', version: '1', language: 'typescript' } as const;
/** Records per commit in the batched figures: about what one read of input answers. */
const BATCH = 64;

/** Request/response pairs of the long realistic golden journal: the append workload. */
function workload(root: string): { request: string; response: string }[] {
  const out: { request: string; response: string }[] = [];
  forEachRecord(join(root, 'fixtures/journals/realistic-20261129.journal'), ({ record, bytes }) => {
    if (record.kind === 'step') out.push({ request: record.request, response: responseTextOf(bytes) });
  });
  return out;
}

function appendRate(dir: string, policy: DurabilityPolicy, pairs: readonly { request: string; response: string }[], count: number): { rate: number; bytes: number } {
  const path = join(dir, `append-${policy}.journal`);
  rmSync(path, { force: true });
  const w = openForAppend(path, { implementation: WRITER, policy });
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < count; i += 1) {
    const p = pairs[i % pairs.length]!;
    w.appendStep(p.request, p.response);
    if (i % BATCH === BATCH - 1) w.commit();
  }
  w.close();
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return { rate: count / seconds, bytes: statSync(path).size };
}

/** The same bytes written raw, in the same batches, optionally fsynced per batch or per record. */
function rawRate(dir: string, source: string, count: number, sync: 'none' | 'batch' | 'every'): number {
  const lines = readFileSync(source, 'utf8').split('\n').slice(1, count + 1).map((l) => Buffer.from(`${l}\n`));
  const path = join(dir, `raw-${sync}.bin`);
  const fd = openSync(path, 'w');
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < lines.length; i += sync === 'every' ? 1 : BATCH) {
    writeSync(fd, sync === 'every' ? lines[i]! : Buffer.concat(lines.slice(i, i + BATCH)));
    if (sync !== 'none') fsyncSync(fd);
  }
  closeSync(fd);
  return lines.length / (Number(process.hrtime.bigint() - t0) / 1e9);
}

/** MB/s of `fn` over `bytes`: the better of two runs (the first also compiles the hot path). */
function mbPerSecond(bytes: number, fn: () => void): number {
  let best = Infinity;
  for (let run = 0; run < 2; run += 1) {
    const t0 = process.hrtime.bigint();
    fn();
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e9);
  }
  return bytes / 1e6 / best;
}

/** SHA-256 of every line on its own, one call each: what any verifier that hashes records pays at least. */
function hashEachLine(content: Buffer): void {
  for (let at = 0; at < content.length; ) {
    const nl = content.indexOf(0x0a, at);
    const end = nl < 0 ? content.length : nl + 1;
    hash('sha256', content.subarray(at, end), 'buffer');
    at = end;
  }
}

/** Sessions of `per` steps each (hello, configure, mark prices), `total` steps in all. */
function* longSessions(total: number, per: number): Generator<Buffer[]> {
  const config = '{"control":{"mode":"backtest","verbosity":"NORMAL"},"exchange":{"fee_calibration_alpha":0.2,"maker_rate":0.0002,"taker_rate":0.0005},"reconcile_tolerance":0.01,"seed_capital":10000,"seen_event_ids_max":64,"slot_count":2}';
  for (let done = 0; done < total; done += per) {
    const lines = [Buffer.from('{"op":"hello","seq":0,"protocol_version":"1.0"}'), Buffer.from(`{"op":"configure","seq":1,"config":${config}}`)];
    for (let n = 2; n < Math.min(per, total - done); n += 1) lines.push(Buffer.from(`{"op":"mark_price","seq":${n},"asset":"BTC-USDT","price":${100 + (n % 50)},"ts":${1700000000000 + n}}`));
    yield lines;
  }
}

/** What starting the workers adds to a verify: a small journal verified on threads (forced) and on one. */
function workerStartupMs(dir: string, threads: number): number {
  const small = join(dir, 'startup.journal');
  recordSessions(small, longSessions(2_000, 1_000), { checkpointInterval: 64 });
  const ms = (fn: () => void): number => {
    let best = Infinity;
    for (let run = 0; run < 2; run += 1) {
      const t0 = process.hrtime.bigint();
      fn();
      best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e6);
    }
    return best;
  };
  const one = ms(() => scanJournal(small, 'full', { threads: 1 }));
  return ms(() => scanJournal(small, 'full', { threads, parallelFromBytes: 0, mainThreadHelps: false })) - one;
}

function peakRss(fn: () => void): number {
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  fn();
  clearInterval(timer);
  return Math.max(peak, process.memoryUsage().rss) - before;
}

export async function run(ctx: BenchContext): Promise<BenchSection> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-journal-'));
  const rows: BenchRow[] = [];
  const pairs = workload(ctx.root);
  const count = ctx.quick ? 5_000 : 50_000;
  ctx.log(`journal: append ${count} records per policy`);
  const none = appendRate(dir, 'none', pairs, count);
  const batch = appendRate(dir, 'batch', pairs, count);
  const every = appendRate(dir, 'every', pairs, Math.min(count, 500));
  const source = join(dir, 'append-none.journal');
  const raw = rawRate(dir, source, count, 'none');
  const rawBatch = rawRate(dir, source, count, 'batch');
  const rawEvery = rawRate(dir, source, Math.min(count, 500), 'every');
  rows.push(
    { name: 'append, policy none', value: none.rate, unit: 'records/s', note: `${Math.round(none.bytes / count)} B/record` },
    { name: 'raw write, same bytes, no fsync', value: raw, unit: 'records/s' },
    { name: 'append, policy batch (fsync per 64)', value: batch.rate, unit: 'records/s' },
    { name: 'raw write + fsync per 64', value: rawBatch, unit: 'records/s' },
    { name: 'append, policy every (fsync per record)', value: every.rate, unit: 'records/s' },
    { name: 'raw write + fsync per record', value: rawEvery, unit: 'records/s' },
  );
  ctx.log('journal: verify');
  const big = join(dir, 'verify.journal');
  recordSessions(big, longSessions(ctx.quick ? 20_000 : 200_000, 10_000));
  const bytes = statSync(big).size;
  const verify = mbPerSecond(bytes, () => scanJournal(big, 'full', { threads: 1 }));
  // The verify over threads, on a journal above the size from which it is used on its own
  // (PARALLEL_VERIFY_FROM_BYTES): each run starts its workers, so their start-up is in the figure.
  const threads = Math.max(2, Math.min(availableParallelism(), VERIFY_THREADS_MAX));
  const threadsFile = ctx.quick ? join(dir, 'threads.journal') : big;
  if (ctx.quick) recordSessions(threadsFile, longSessions(80_000, 10_000));
  const threadsBytes = statSync(threadsFile).size;
  const load = loadavg()[0]!;
  const oneThread = mbPerSecond(threadsBytes, () => scanJournal(threadsFile, 'full', { threads: 1 }));
  const parallel = mbPerSecond(threadsBytes, () => scanJournal(threadsFile, 'full', { threads }));
  const threadsContent = readFileSync(threadsFile);
  const threadsSha = mbPerSecond(threadsBytes, () => createHash('sha256').update(threadsContent).digest());
  const startup = workerStartupMs(dir, threads);
  const content = readFileSync(big);
  const sha = mbPerSecond(bytes, () => createHash('sha256').update(content).digest());
  const perLine = mbPerSecond(bytes, () => hashEachLine(content));
  // The same check on the append workload's records (the realistic golden session, ~1.5 KB each).
  const realisticBytes = statSync(source).size;
  const realisticContent = readFileSync(source);
  const realisticVerify = mbPerSecond(realisticBytes, () => scanJournal(source, 'full', { threads: 1 }));
  const realisticSha = mbPerSecond(realisticBytes, () => createHash('sha256').update(realisticContent).digest());
  ensureRustKernel(ctx.root);
  const rustBinary = join(ctx.root, 'rust-kernel/target/release/lockstep-kernel');
  const rustVerify = mbPerSecond(bytes, () => execFileSync(rustBinary, ['journal-verify', big]));
  const sha256sum = mbPerSecond(bytes, () => execFileSync('sha256sum', [big]));
  // The larger journal is above the Rust verifier's threshold (16 MiB): it verifies on threads.
  const rustThreads = mbPerSecond(threadsBytes, () => execFileSync(rustBinary, ['journal-verify', threadsFile]));
  const sha256sumThreads = mbPerSecond(threadsBytes, () => execFileSync('sha256sum', [threadsFile]));
  rows.push(
    { name: 'full verify (rust, lockstep-kernel journal-verify)', value: rustVerify, unit: 'MB/s' },
    { name: 'sha256sum over the same file', value: sha256sum, unit: 'MB/s' },
    { name: 'full verify (rust, larger journal, on threads)', value: rustThreads, unit: 'MB/s', note: `${(threadsBytes / 1e6).toFixed(1)} MB` },
    { name: 'sha256sum over the larger journal', value: sha256sumThreads, unit: 'MB/s' },
  );
  rows.push({ name: 'full verify', value: verify, unit: 'MB/s', note: `${(bytes / 1e6).toFixed(1)} MB` }, { name: 'SHA-256 over the same bytes', value: sha, unit: 'MB/s' },
    { name: 'SHA-256 of each line on its own (one call per record)', value: perLine, unit: 'MB/s' },
    { name: 'full verify, one thread (larger journal)', value: oneThread, unit: 'MB/s', note: `${(threadsBytes / 1e6).toFixed(1)} MB` },
    { name: `full verify, ${threads - 1} workers (${threads} threads, same journal)`, value: parallel, unit: 'MB/s', note: `threads from ${PARALLEL_VERIFY_FROM_BYTES / 2 ** 20} MiB` },
    { name: 'SHA-256 over the same bytes (larger journal)', value: threadsSha, unit: 'MB/s' },
    // Threads only pay on idle cores: the figures above depend on what else the machine runs.
    { name: 'load average, 1 minute, before the thread rows', value: load, unit: 'runnable', note: `${availableParallelism()} cores` },
    { name: `worker start-up, ${threads - 1} workers (forced parallel verify of a 2k-step journal, minus one thread)`, value: startup, unit: 'ms' },
    { name: 'full verify, realistic records', value: realisticVerify, unit: 'MB/s', note: `${(realisticBytes / 1e6).toFixed(1)} MB` },
    { name: 'SHA-256 over the same bytes (realistic)', value: realisticSha, unit: 'MB/s' },
  );
  ctx.log('journal: memory');
  const small = join(dir, 'small.journal');
  recordSessions(small, longSessions(2_000, 1_000));
  const rssSmall = peakRss(() => scanJournal(small, 'full', { threads: 1 }));
  const rssBig = peakRss(() => scanJournal(big, 'full', { threads: 1 }));
  rows.push({ name: 'verify RSS growth, 2k steps', value: rssSmall / 1e6, unit: 'MB' }, { name: `verify RSS growth, ${ctx.quick ? '20k' : '200k'} steps`, value: rssBig / 1e6, unit: 'MB' });
  const steps = ctx.quick ? 20_000 : 1_000_000;
  ctx.log(`journal: replay ${steps} steps per kernel`);
  const long = join(dir, 'replay.journal');
  recordSessions(long, longSessions(steps, 10_000));
  for (const impl of [referenceImplementation, rustImplementation]) {
    const t0 = process.hrtime.bigint();
    const r = replayJournal(long, impl, ctx.root);
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    if (r.differences.length > 0 || r.problems.length > 0) throw new Error(`replay through ${impl.name} differed`);
    rows.push({ name: `replay through ${impl.name}`, value: r.steps / seconds, unit: 'steps/s', note: `${r.steps} steps, ${r.sessions} sessions` });
  }
  rmSync(dir, { recursive: true, force: true });
  return {
    title: 'Journal: append, verify, replay',
    rows,
    ratios: [
      { name: 'append none / raw write', value: none.rate / raw },
      { name: 'append batch / raw write + fsync per 64', value: batch.rate / rawBatch },
      { name: 'append every / raw write + fsync per record', value: every.rate / rawEvery },
      { name: 'full verify / SHA-256 (target >= 0.5)', value: verify / sha },
      { name: `full verify, ${threads - 1} workers / SHA-256 (target >= 0.5)`, value: parallel / threadsSha },
      { name: `full verify, ${threads - 1} workers / full verify, one thread (same journal)`, value: parallel / oneThread },
      { name: 'SHA-256 one call per record / SHA-256 (the ceiling of any per-record verifier)', value: perLine / sha },
      { name: 'full verify / SHA-256 one call per record', value: verify / perLine },
      { name: 'full verify / SHA-256, realistic records', value: realisticVerify / realisticSha },
      { name: 'rust full verify / sha256sum (target >= 0.5)', value: rustVerify / sha256sum },
      { name: 'rust full verify on threads / sha256sum, larger journal', value: rustThreads / sha256sumThreads },
    ],
  };
}
