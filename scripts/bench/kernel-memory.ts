/**
 * Child process of the `kernel` bench section: runs the mixed workload through an in-process
 * kernel with many slots and prints, as one JSON line, the resident set size after garbage
 * collection (and the live heap) at each checkpoint and the peak RSS of the whole run. Run with --expose-gc.
 *   node --expose-gc --import tsx scripts/bench/kernel-memory.ts <slots> <steps> <checkpoint,...>
 */
import { createKernel } from '../../src/kernel/index.js';
import { workload, workloadConfig } from './kernel-workload.js';

const slots = Number(process.argv[2] ?? 1000);
const steps = Number(process.argv[3] ?? 1_000_000);
const checkpoints = new Set((process.argv[4] ?? '100000,1000000').split(',').map(Number));

const config = workloadConfig(slots);

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('kernel-memory needs node --expose-gc');
const k = createKernel(config);
const rss: Record<string, number> = {};
const heap: Record<string, number> = {};
let n = 0;
let accepted = 0;
for (const s of workload(slots)) {
  const r = s.op === 'intent' ? k.intent(s.intent) : s.op === 'venue_event' ? k.venueEvent(s.event) : k.markPrice(s);
  if (r.outcome.accepted) accepted += 1;
  n += 1;
  if (checkpoints.has(n)) {
    gc();
    const m = process.memoryUsage();
    rss[String(n)] = m.rss;
    heap[String(n)] = m.heapUsed;
  }
  if (n === steps) break;
}
process.stdout.write(`${JSON.stringify({ slots, steps: n, accepted, rss, heap_used: heap, max_rss: process.resourceUsage().maxRSS * 1024 })}\n`);
