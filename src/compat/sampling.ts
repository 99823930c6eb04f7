// Sampling one contract: instances valid under one side run through the other side's compiled
// validator. It backs a "compatible" verdict (>= 1,000 valid instances, every branch reached)
// and finds witnesses for breaks.
import fc from 'fast-check';
import type { ContractSet } from './contract-set.js';
import { childOf, RefResolver } from './refs.js';
import { arbitraryFor, propertyNames, type Coverage } from './sampler.js';
import type { CompiledSet } from './validators.js';

export interface Refusal {
  readonly instance: unknown;
  /** Instance path of the first error the refusing side reported. */
  readonly errorPath: string;
}

export interface SampleResult {
  /** Instances valid under the source side that were run through the target side. */
  readonly valid: number;
  readonly refused: Refusal[];
  /** Branch keys no valid instance reached. */
  readonly missed: string[];
}

export const DEFAULT_SAMPLES = 1000;

/** Draws instances valid under `from` and checks them against `to`; both sides are compiled. */
export function sampleContract(
  file: string,
  pointer: string,
  from: { set: ContractSet; compiled: CompiledSet },
  to: { set: ContractSet; compiled: CompiledSet },
  samples = DEFAULT_SAMPLES,
  seed = 42,
): SampleResult {
  const coverage: Coverage = { expected: new Set(), current: [] };
  const refs = new RefResolver(from.set);
  const extraNames = propertyNames(to.set.schemas.values());
  const arb = arbitraryFor(childOf(refs.root(file), ...pointerTokens(pointer)), { refs, coverage, extraNames }).map((value) => ({ value, hits: coverage.current.splice(0) }));
  const accept = from.compiled.check(file, pointer);
  const target = to.compiled.check(file, pointer);
  const reached = new Set<string>();
  const refused: Refusal[] = [];
  let valid = 0;
  const maxAttempts = samples * 6;
  for (let attempt = 0, batch = 0; valid < samples && attempt < maxAttempts; batch++) {
    const drawn = fc.sample(arb, { seed: seed + batch, numRuns: samples });
    attempt += drawn.length;
    for (const { value, hits } of drawn) {
      if (valid >= samples) break;
      if (!accept(value)) continue;
      valid++;
      for (const h of hits) reached.add(h);
      if (!target(value) && refused.length < 20) refused.push({ instance: value, errorPath: target.lastErrorPath() });
    }
  }
  const missed = [...coverage.expected].filter((k) => !reached.has(k)).sort();
  return { valid, refused, missed };
}

function pointerTokens(pointer: string): string[] {
  return pointer === '' ? [] : pointer.split('/').slice(1).map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}
