// A worker thread of a parallel full verify (journal-parallel.ts): claims segments from the last
// one down (the main thread claims from the first one up), verifies each (verifySegment) and
// answers with plain data on its port, then marks the segment done so a waiting main thread
// wakes. It never throws past a segment: a failure is answered, and the segment is redone in order.
import { closeSync, openSync } from 'node:fs';
import { workerData, type MessagePort } from 'node:worker_threads';
import { verifySegment, type SegmentOutcome, type SegmentTask } from './journal-segments.js';
import { CLAIMED, FAILED, FREE, VERIFIED, type SegmentJob } from './segment-claims.js';

const job = workerData as SegmentJob & { port: MessagePort };
const status = new Int32Array(job.status);

function run(task: SegmentTask): SegmentOutcome {
  try {
    const fd = openSync(job.path, 'r');
    try {
      return verifySegment(fd, task);
    } finally {
      closeSync(fd);
    }
  } catch (e) {
    return { segment: task.segment, error: e instanceof Error ? e.message : String(e) };
  }
}

for (let i = job.tasks.length - 1; i >= 1; i -= 1) {
  if (Atomics.compareExchange(status, i, FREE, CLAIMED) !== FREE) continue;
  const outcome = run(job.tasks[i]!);
  job.port.postMessage(outcome);
  Atomics.store(status, i, outcome.error === undefined ? VERIFIED : FAILED);
  Atomics.notify(status, i);
}
job.port.close();
