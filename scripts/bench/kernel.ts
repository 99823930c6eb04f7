/**
 * Bench section `kernel`: the TypeScript reference kernel.
 * - In process: steps per second on the mixed workload (scripts/bench/kernel-workload.ts),
 *   64 and 1,000 slots, wall time and the process's own CPU time (steadier on a shared box).
 * - Through the protocol server (`lockstep kernel`, run from source): pipelined lines per
 *   second, timed from the hello's answer (the process is up) to the last response, against
 *   `echo-node.mjs` on the same lines: re-serialising each request (the JSON-pipe limit the
 *   target is set against), and re-serialising the server's own responses (the same bytes in
 *   and out: a step result carries whole slots, several times a request's size).
 * - Memory: 1,000 slots over 1,000,000 steps in a child process: RSS and live heap after GC
 *   at 100k and 1M steps, and the peak RSS.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKernel } from '../../src/kernel/index.js';
import type { BenchContext, BenchRatio, BenchRow, BenchSection } from './kit/types.js';
import { takeSteps, workloadConfig, type WorkStep } from './kernel-workload.js';

const config = workloadConfig;

/** Best rounds of the in-process kernel over prepared steps: steps/s by wall and by CPU. */
function inProcess(slots: number, steps: WorkStep[], windowMs: number): { wall: number; cpu: number } {
  let wall = 0;
  let cpu = 0;
  const deadline = Date.now() + Math.max(windowMs * 5, 1);
  let rounds = 0;
  while (rounds < 2 || (Date.now() < deadline && rounds < 8)) {
    const k = createKernel(config(slots));
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    for (const s of steps) {
      const r = s.op === 'intent' ? k.intent(s.intent) : s.op === 'venue_event' ? k.venueEvent(s.event) : k.markPrice(s);
      if (!r.outcome.accepted) throw new Error(`workload step refused: ${r.outcome.code}`);
    }
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const c = process.cpuUsage(c0);
    wall = Math.max(wall, steps.length / seconds);
    cpu = Math.max(cpu, steps.length / ((c.user + c.system) / 1e6));
    rounds += 1;
  }
  return { wall, cpu };
}

function protocolInput(steps: WorkStep[], slots: number): { hello: Buffer; body: Buffer; lines: number } {
  const hello = Buffer.from(`${JSON.stringify({ op: 'hello', seq: 1, protocol_version: '1.0' })}\n`);
  const lines = [JSON.stringify({ op: 'configure', seq: 2, config: config(slots) })];
  let seq = 2;
  for (const s of steps) {
    seq += 1;
    lines.push(JSON.stringify({ ...s, seq }));
  }
  return { hello, body: Buffer.from(`${lines.join('\n')}\n`), lines: lines.length + 1 };
}

interface PipeRun {
  readonly seconds: number;
  readonly responses: number;
  readonly outBytes: number;
  readonly output: Buffer[];
}

/**
 * Send the hello, wait for its answer (the process is up), then pipe the prepared input file
 * and time until the last response.
 */
function pipeRun(cwd: string, command: string, args: string[], hello: Buffer, bodyFile: string, keep: boolean): Promise<PipeRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['pipe', 'pipe', 'inherit'] });
    const output: Buffer[] = [];
    let responses = 0;
    let outBytes = 0;
    let start = 0n;
    child.stdout.on('data', (b: Buffer) => {
      if (keep) output.push(b);
      outBytes += b.length;
      for (let i = b.indexOf(10); i !== -1; i = b.indexOf(10, i + 1)) responses += 1;
      if (start === 0n && responses >= 1) {
        start = process.hrtime.bigint();
        createReadStream(bodyFile).pipe(child.stdin);
      }
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      if (code !== 0) reject(new Error(`${command} ${args.join(' ')} exited ${String(code)}`));
      else resolve({ seconds, responses, outBytes, output });
    });
    child.stdin.write(hello);
  });
}

async function bestPipe(times: number, run: () => Promise<PipeRun>, lines: number, name: string): Promise<PipeRun> {
  let best: PipeRun | undefined;
  for (let i = 0; i < times; i++) {
    const r = await run();
    if (r.responses !== lines) throw new Error(`${name}: ${r.responses} responses for ${lines} lines`);
    if (best === undefined || r.seconds < best.seconds) best = r;
  }
  return best as PipeRun;
}

interface MemoryReport {
  readonly steps: number;
  readonly rss: Record<string, number>;
  readonly heap_used: Record<string, number>;
  readonly max_rss: number;
}

function memory(root: string, slots: number, steps: number, early: number): MemoryReport {
  const run = spawnSync(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', 'scripts/bench/kernel-memory.ts', String(slots), String(steps), `${early},${steps}`],
    { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  );
  if (run.status !== 0) throw new Error(`kernel-memory exited ${String(run.status)}`);
  return JSON.parse(run.stdout) as MemoryReport;
}

const MB = 1024 * 1024;

export async function run(ctx: BenchContext): Promise<BenchSection> {
  const rows: BenchRow[] = [];
  const ratios: BenchRatio[] = [];

  const n = ctx.quick ? 60_000 : 300_000;
  for (const slots of [64, 1000]) {
    ctx.log(`kernel: in-process, ${slots} slots, ${n} steps per round`);
    const r = inProcess(slots, takeSteps(slots, n), ctx.windowMs);
    rows.push({ name: `in-process steps/s, ${slots} slots (wall)`, value: r.wall, unit: 'steps/s' });
    rows.push({ name: `in-process steps/s, ${slots} slots (cpu)`, value: r.cpu, unit: 'steps/s', note: 'per CPU-second of this process' });
    if (slots === 64) ratios.push({ name: 'in-process (cpu) / 1M steps/s target', value: r.cpu / 1e6, note: 'target >= 1' });
  }

  const pipeSteps = ctx.quick ? 10_000 : 50_000;
  const { hello, body, lines } = protocolInput(takeSteps(64, pipeSteps), 64);
  const times = ctx.quick ? 1 : 3;
  ctx.log(`kernel: protocol server vs echo-node, ${lines} pipelined lines (${(body.length / MB).toFixed(1)} MiB), best of ${times}`);
  const dir = mkdtempSync(join(tmpdir(), 'lockstep-bench-kernel-'));
  try {
    const bodyFile = join(dir, 'requests.jsonl');
    writeFileSync(bodyFile, body);
    const server = await bestPipe(times, () => pipeRun(ctx.root, process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'kernel'], hello, bodyFile, true), lines, 'lockstep kernel');
    const responsesFile = join(dir, 'responses.jsonl');
    writeFileSync(responsesFile, Buffer.concat(server.output));
    const echo = await bestPipe(times, () => pipeRun(ctx.root, process.execPath, ['scripts/bench/echo-node.mjs'], hello, bodyFile, false), lines, 'echo-node');
    const echoSame = await bestPipe(times, () => pipeRun(ctx.root, process.execPath, ['scripts/bench/echo-node.mjs', responsesFile], hello, bodyFile, false), lines, 'echo-node (responses)');
    const rate = (r: PipeRun): number => (lines - 1) / r.seconds;
    rows.push({ name: 'protocol server, pipelined', value: rate(server), unit: 'lines/s', note: `${(server.outBytes / MB).toFixed(0)} MiB out for ${(body.length / MB).toFixed(0)} MiB in` });
    rows.push({ name: 'echo-node, requests re-serialised', value: rate(echo), unit: 'lines/s', note: `${(echo.outBytes / MB).toFixed(0)} MiB out` });
    rows.push({ name: 'echo-node, same bytes as the server', value: rate(echoSame), unit: 'lines/s', note: `${(echoSame.outBytes / MB).toFixed(0)} MiB out` });
    ratios.push({ name: 'server / echo-node (requests)', value: rate(server) / rate(echo), note: 'target >= 0.5' });
    ratios.push({ name: 'server / echo-node (same bytes out)', value: rate(server) / rate(echoSame) });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const memSteps = ctx.quick ? 200_000 : 1_000_000;
  const early = memSteps / 10;
  ctx.log(`kernel: memory, 1000 slots, ${memSteps} steps (child process)`);
  const mem = memory(ctx.root, 1000, memSteps, early);
  const rssEarly = mem.rss[String(early)] ?? 0;
  const rssLate = mem.rss[String(memSteps)] ?? 0;
  const heapEarly = mem.heap_used[String(early)] ?? 0;
  const heapLate = mem.heap_used[String(memSteps)] ?? 0;
  rows.push({ name: `RSS after GC at ${early} steps`, value: rssEarly / MB, unit: 'MiB', note: '1000 slots, seen_event_ids_max 64' });
  rows.push({ name: `RSS after GC at ${memSteps} steps`, value: rssLate / MB, unit: 'MiB' });
  rows.push({ name: `live heap at ${early} steps`, value: heapEarly / MB, unit: 'MiB' });
  rows.push({ name: `live heap at ${memSteps} steps`, value: heapLate / MB, unit: 'MiB' });
  rows.push({ name: 'peak RSS of the run', value: mem.max_rss / MB, unit: 'MiB' });
  ratios.push({ name: `live heap ${memSteps} / ${early} steps`, value: heapLate / heapEarly, note: 'flat = 1' });
  ratios.push({ name: `RSS ${memSteps} / ${early} steps`, value: rssLate / rssEarly });

  return { title: 'TypeScript kernel: in process, through the protocol server, memory', rows, ratios };
}
