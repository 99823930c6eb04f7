/**
 * The canary target: the Rust kernel, with a divergence planted on purpose in the answers to
 * one scenario in a hundred (seed % 100 == 0). Every run that includes it proves end to end that
 * a divergence is detected by the real comparator, signed, deduplicated across shards and
 * merged: a merged report without the canary's one signature means the pipeline is broken.
 */
import type { FixtureRun } from '../harness/fixture-run.js';

export const CANARY_NAME = 'canary';

/** Seeds whose scenario the canary answers wrongly. */
export function isCanarySeed(seed: number): boolean {
  return seed % 100 === 0;
}

/**
 * The run with a member added to its answer to configure: the comparator reports `/canary` at
 * the configure step, the same facts for every planted scenario, so that all of them share one
 * signature and the merge must dedupe them into it.
 */
export function plantCanary(run: FixtureRun): FixtureRun {
  if (run.status !== 'answered' || run.responses.length === 0) return run;
  const responses = [...run.responses];
  responses[0] = responses[0]!.replace(/^\{/, '{"canary":"planted",');
  return { ...run, responses };
}
