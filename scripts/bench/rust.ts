/**
 * Bench section `rust`: steps per second through the Rust kernel's pipe with pipelined input,
 * against the do-nothing Rust echo (`lockstep-echo`: same line reader, JSON checks and canonical
 * writer, no validation and no kernel) on the same lines, and against the TypeScript server.
 * Also the cold build time of the release binary (measured on demand; see COLD_BUILD below).
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureRustKernel, RUST_ECHO_BIN, RUST_KERNEL_BIN } from '../../src/harness/rust-kernel-build.js';
import type { BenchContext, BenchRatio, BenchRow, BenchSection } from './kit/types.js';

/**
 * The cold build of the release binary, measured once on this machine (2 cores, shared) with
 * `CARGO_TARGET_DIR=<empty dir> cargo build --release --manifest-path rust-kernel/Cargo.toml`
 * (dependencies already in the cargo registry cache). Re-measured by this section only when
 * LOCKSTEP_BENCH_COLD_BUILD=1, because it costs a minute or two of both cores.
 */
const COLD_BUILD = { seconds: 128, measured: '2026-11-21, 63 s of CPU; 210 s wall under a load average of 13' };

const CONFIG = {
  slot_count: 16,
  seed_capital: 100_000,
  seen_event_ids_max: 8,
  reconcile_tolerance: 0.01,
  exchange: { taker_rate: 0.0005, maker_rate: 0.0002, fee_calibration_alpha: 0.1 },
  control: { mode: 'backtest', verbosity: 'NORMAL' },
};

/** A pipelined session of whole trades cycling over the slots: about 8 steps per trade. */
export function benchInput(steps: number): { input: Buffer; lines: number } {
  const lines: string[] = [
    JSON.stringify({ op: 'hello', seq: 1, protocol_version: '1.0' }),
    JSON.stringify({ op: 'configure', seq: 2, config: CONFIG }),
  ];
  let seq = 2;
  let trade = 0;
  const push = (body: Record<string, unknown>): void => {
    seq += 1;
    lines.push(JSON.stringify({ ...body, seq }));
  };
  while (lines.length < steps + 2) {
    trade += 1;
    const slot = trade % CONFIG.slot_count;
    const t = `T${trade}`;
    const ts = 1_700_000_000_000 + seq;
    const event = (kind: string, order: string, extra: Record<string, unknown> = {}): void =>
      push({ op: 'venue_event', event: { kind, event_id: `${t}-${seq}`, ts, slot_id: slot, trade_id: t, order_id: order, ...extra } });
    push({ op: 'intent', intent: { action: 'ENTER', intent_id: `${t}-in`, ts, slot_id: slot, trade_id: t, asset: 'BTC-USDT', side: trade % 2 === 0 ? 'LONG' : 'SHORT', order_type: 'LIMIT', limit_price: 64_000.5, target_size: 0.25, leverage: 5, exit_leg_ratios: [0.5, 0.5] } });
    event('ORDER_ACK', `${t}#1`, { venue_order_id: `V${trade}` });
    event('PARTIAL_FILL', `${t}#1`, { price: 64_000.5, size: 0.1 });
    event('FILL', `${t}#1`, { price: 64_001.25, size: 0.15 });
    push({ op: 'mark_price', asset: 'BTC-USDT', price: 64_010 + (trade % 7), ts });
    push({ op: 'intent', intent: { action: 'EXIT', intent_id: `${t}-out`, ts, slot_id: slot, trade_id: t, order_type: 'MARKET' } });
    event('FILL', `${t}#2`, { price: 64_020.75, size: 0.125 });
    push({ op: 'intent', intent: { action: 'EXIT', intent_id: `${t}-out2`, ts, slot_id: slot, trade_id: t, order_type: 'MARKET' } });
    event('FILL', `${t}#3`, { price: 64_030.25, size: 0.125 });
  }
  return { input: Buffer.from(lines.map((l) => `${l}\n`).join('')), lines: lines.length };
}

/** CPU seconds (user + system) of every waited-for child so far (Linux /proc; 0 elsewhere). */
function childCpuSeconds(): number {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 16 (cutime) and 17 (cstime) of proc(5), counted from 3 (state) here.
    return (Number(fields[13]) + Number(fields[14])) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}

const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK']).stdout?.toString().trim()) || 100;

interface Timing {
  /** Spawn to exit. */
  readonly wall: number;
  /** The server's own CPU time (user + system): steadier than wall time on a shared machine. */
  readonly cpu: number;
  readonly responses: number;
  readonly outBytes: number;
  /** The output of a counted run. */
  readonly output?: Buffer | undefined;
}

/**
 * One run of a server over the whole input, piped in. With `count`, its output is piped back
 * and its lines counted (to check one response per line); without, the output goes to
 * /dev/null, so that the reader (this process, on the same two cores) does not slow the timed
 * server down.
 */
function timeRun(command: string, args: string[], input: Buffer, cwd: string, count: boolean): Promise<Timing> {
  return new Promise((resolve, reject) => {
    const cpu0 = childCpuSeconds();
    const start = process.hrtime.bigint();
    const child = spawn(command, args, { cwd, stdio: ['pipe', count ? 'pipe' : 'ignore', 'inherit'] });
    let responses = 0;
    let outBytes = 0;
    const chunks: Buffer[] = [];
    child.stdout?.on('data', (b: Buffer) => {
      chunks.push(b);
      outBytes += b.length;
      for (let i = b.indexOf(10); i !== -1; i = b.indexOf(10, i + 1)) responses += 1;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const wall = Number(process.hrtime.bigint() - start) / 1e9;
      if (code !== 0) reject(new Error(`${command} exited ${String(code)}`));
      else resolve({ wall, cpu: childCpuSeconds() - cpu0, responses, outBytes, output: Buffer.concat(chunks) });
    });
    child.stdin?.end(input);
  });
}

/** One counted run (one response per line), then the best of `times` timed runs. */
async function bestOf(times: number, command: string, args: string[], input: Buffer, lines: number, cwd: string): Promise<Timing> {
  const counted = await timeRun(command, args, input, cwd, true);
  if (counted.responses !== lines) throw new Error(`${command}: ${counted.responses} responses for ${lines} lines`);
  let best: Timing = { wall: Infinity, cpu: Infinity, responses: counted.responses, outBytes: counted.outBytes, output: counted.output };
  for (let i = 0; i < times; i++) {
    const run = await timeRun(command, args, input, cwd, false);
    best = { ...best, wall: Math.min(best.wall, run.wall), cpu: Math.min(best.cpu, run.cpu) };
  }
  return best;
}

function coldBuild(ctx: BenchContext): number {
  const dir = join(tmpdir(), `lockstep-cold-build-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  ctx.log('rust: cold release build (LOCKSTEP_BENCH_COLD_BUILD=1)...');
  const start = process.hrtime.bigint();
  const run = spawnSync('cargo', ['build', '--release', '--manifest-path', join(ctx.root, 'rust-kernel/Cargo.toml')], {
    env: { ...process.env, CARGO_TARGET_DIR: dir },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  rmSync(dir, { recursive: true, force: true });
  if (run.status !== 0) throw new Error(`cold build failed with exit ${String(run.status)}`);
  return seconds;
}

export async function run(ctx: BenchContext): Promise<BenchSection> {
  ensureRustKernel(ctx.log);
  const steps = ctx.quick ? 4_000 : 40_000;
  const { input, lines } = benchInput(steps);
  const times = ctx.quick ? 1 : 3;
  ctx.log(`rust: ${lines} pipelined lines (${(input.length / 1e6).toFixed(1)} MB), best of ${times}`);
  const echo = await bestOf(times, RUST_ECHO_BIN, [], input, lines, ctx.root);
  const rust = await bestOf(times, RUST_KERNEL_BIN, [], input, lines, ctx.root);
  // The echo again, fed the kernel's own responses: parsing and writing the same bytes the
  // kernel writes, the I/O floor of a server that answers with those responses.
  const sameBytes = await bestOf(times, RUST_ECHO_BIN, [], rust.output ?? Buffer.alloc(0), lines, ctx.root);
  const ts = await bestOf(ctx.quick ? 1 : 2, process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'kernel'], input, lines, ctx.root);
  const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB out`;
  const rows: BenchRow[] = [
    { name: 'rust kernel, pipelined (wall)', value: lines / rust.wall, unit: 'steps/s', note: `${lines} lines piped in, spawn to exit, ${mb(rust.outBytes)} to /dev/null` },
    { name: 'rust kernel, pipelined (CPU)', value: lines / rust.cpu, unit: 'steps/s', note: 'per second of the server\'s own CPU time' },
    { name: 'rust echo (wall)', value: lines / echo.wall, unit: 'lines/s', note: `parse + checks + canonical write, ${mb(echo.outBytes)}` },
    { name: 'rust echo (CPU)', value: lines / echo.cpu, unit: 'lines/s' },
    { name: 'rust echo of the responses (CPU)', value: lines / sameBytes.cpu, unit: 'lines/s', note: `the kernel's ${mb(rust.outBytes).replace(' out', '')} parsed and written back` },
    { name: 'typescript kernel, pipelined (wall)', value: lines / ts.wall, unit: 'steps/s', note: 'node --import tsx src/cli/main.ts kernel' },
    { name: 'typescript kernel, pipelined (CPU)', value: lines / ts.cpu, unit: 'steps/s' },
  ];
  const cold = process.env['LOCKSTEP_BENCH_COLD_BUILD'] === '1' ? coldBuild(ctx) : COLD_BUILD.seconds;
  rows.push({
    name: 'cold release build',
    value: cold,
    unit: 's',
    note: process.env['LOCKSTEP_BENCH_COLD_BUILD'] === '1' ? 'measured now' : `measured ${COLD_BUILD.measured}; LOCKSTEP_BENCH_COLD_BUILD=1 re-measures`,
  });
  const ratios: BenchRatio[] = [
    { name: 'rust kernel / rust echo (wall)', value: echo.wall / rust.wall, note: 'target >= 0.5' },
    {
      name: 'rust kernel / rust echo (CPU)',
      value: echo.cpu / rust.cpu,
      note: `a response carries the touched slots: ${(rust.outBytes / echo.outBytes).toFixed(1)}x the bytes the echo writes`,
    },
    { name: 'rust kernel / rust echo of the responses (CPU)', value: sameBytes.cpu / rust.cpu, note: 'same output bytes' },
    { name: 'rust kernel / typescript kernel (wall)', value: ts.wall / rust.wall },
    { name: 'rust kernel / typescript kernel (CPU)', value: ts.cpu / rust.cpu },
  ];
  return { title: 'Rust kernel throughput', rows, ratios };
}
