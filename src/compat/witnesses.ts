// Attaching witnesses: for a break, an instance one side accepts and the other refuses. Real
// data first (fixtures, golden journals), then the refusals sampling found, closest path first.
import { corpusInstances } from './corpus.js';
import { breaksIn, type Finding } from './finding.js';
import type { Refusal } from './sampling.js';
import type { Check } from './validators.js';

const CORPUS_SCAN_LIMIT = 200_000;

function pathPattern(path: string): string {
  return path.replace(/\/\d+(?=\/|$)/g, '/*');
}

/** The refusal whose error path is nearest the finding's instance path. */
export function bestRefusal(finding: Finding, refusals: readonly Refusal[]): Refusal | undefined {
  const target = finding.instancePath;
  let best: Refusal | undefined;
  let bestScore = -1;
  for (const r of refusals) {
    const p = pathPattern(r.errorPath);
    const score = p === target ? 3 : target.startsWith(p) || p.startsWith(target) ? 2 : 1;
    if (score > bestScore) [best, bestScore] = [r, score];
  }
  return best;
}

/** A corpus object the old side accepts and the new side refuses, if the corpus holds one. */
export function corpusWitness(root: string, oldCheck: Check, newCheck: Check): { source: string; instance: unknown } | undefined {
  let scanned = 0;
  for (const item of corpusInstances(root)) {
    if (++scanned > CORPUS_SCAN_LIMIT) return undefined;
    if (oldCheck(item.value) && !newCheck(item.value)) return { source: item.source, instance: item.value };
  }
  return undefined;
}

export function attachWitnesses(
  findings: readonly Finding[],
  backward: readonly Refusal[],
  forward: readonly Refusal[],
  corpus: () => { source: string; instance: unknown } | undefined,
): void {
  let fromCorpus: { source: string; instance: unknown } | undefined | null = null;
  for (const f of findings) {
    if (f.witness !== undefined) continue;
    if (breaksIn(f, 'BACKWARD')) {
      if (fromCorpus === null) fromCorpus = corpus();
      const sampled = bestRefusal(f, backward);
      if (sampled !== undefined && (fromCorpus === undefined || pathPattern(sampled.errorPath) === f.instancePath)) {
        f.witness = { source: 'generated', instance: sampled.instance };
      } else if (fromCorpus !== undefined) f.witness = fromCorpus;
    }
    if (f.witness === undefined && breaksIn(f, 'FORWARD')) {
      const sampled = bestRefusal(f, forward);
      if (sampled !== undefined) f.witness = { source: 'generated (new accepts, old refuses)', instance: sampled.instance };
    }
  }
}
