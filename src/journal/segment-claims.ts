// What the threads of a parallel full verify share: the segment tasks, and one status word per
// segment in shared memory that each thread claims with a compare-and-swap, so a segment is
// verified exactly once by whichever thread reaches it first, and a thread that starts late
// (worker start-up costs tens of milliseconds, more when run from sources) simply finds less to do.
import type { SegmentTask } from './journal-segments.js';

export const FREE = 0;
export const CLAIMED = 1;
export const VERIFIED = 2;
export const FAILED = 3;

/** A worker's share of a verify. */
export interface SegmentJob {
  readonly path: string;
  readonly tasks: readonly SegmentTask[];
  /** Int32 per task: FREE, CLAIMED, VERIFIED or FAILED. */
  readonly status: SharedArrayBuffer;
}
