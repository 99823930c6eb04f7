/**
 * Step-level minimisation after fast-check's shrink: a delta-debugging pass over the concrete
 * steps of a failing scenario. fast-check shrinks the generator's commands, but a command's
 * steps depend on the ones before it (ids, the venue's schedule), so removing one command can
 * change the rest; removing concrete steps does not. Chunks of steps are removed while the
 * same failure persists, halving the chunk size down to single steps; then seqs are
 * renumbered from the first step seq when that keeps the failure. Deterministic: same input,
 * same order of attempts, same result.
 */
import type { FixtureStep } from '../../generated/ts/types.js';
import { FIRST_STEP_SEQ, type Scenario } from './scenario.js';

export type StillFails = (s: Scenario) => Promise<boolean>;

function withSteps(s: Scenario, steps: readonly FixtureStep[]): Scenario {
  return { ...s, steps };
}

function renumbered(steps: readonly FixtureStep[]): FixtureStep[] {
  let seq = FIRST_STEP_SEQ;
  return steps.map((st) => (st.kind === 'request' ? { kind: 'request', request: { ...st.request, seq: seq++ } } : st));
}

export async function minimiseSteps(s: Scenario, stillFails: StillFails, evaluationsMax = 500): Promise<{ scenario: Scenario; evaluations: number }> {
  let steps = s.steps.slice();
  let evaluations = 0;
  let chunk = Math.max(1, Math.floor(steps.length / 2));
  while (steps.length > 1 && evaluations < evaluationsMax) {
    let removed = false;
    for (let at = 0; at < steps.length && evaluations < evaluationsMax; ) {
      const candidate = [...steps.slice(0, at), ...steps.slice(at + chunk)];
      evaluations += 1;
      if (candidate.length > 0 && (await stillFails(withSteps(s, candidate)))) {
        steps = candidate;
        removed = true;
      } else {
        at += chunk;
      }
    }
    if (chunk === 1 && !removed) break;
    if (!removed) chunk = Math.max(1, Math.floor(chunk / 2));
  }
  const compact = renumbered(steps);
  if (evaluations < evaluationsMax && JSON.stringify(compact) !== JSON.stringify(steps)) {
    evaluations += 1;
    if (await stillFails(withSteps(s, compact))) steps = compact;
  }
  return { scenario: withSteps(s, steps), evaluations };
}
