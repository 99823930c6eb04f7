// Building small contract sets for the catalogue: one schema file `t.schema.json` (plus optional
// extra files), compared with the checker, returning the rule ids and the verdict per direction.
import { compareSets } from '../../src/compat/compare-sets.js';
import { contractSetFromTexts, type ContractSet } from '../../src/compat/contract-set.js';
import { breaksIn } from '../../src/compat/finding.js';

export const ID = 'https://lockstep.dev/schemas/v1/t.schema.json';

export function setOf(label: string, root: object, extra: Record<string, unknown> = {}): ContractSet {
  const files = new Map<string, string>([['t.schema.json', JSON.stringify({ $id: ID, ...root })]]);
  for (const [k, v] of Object.entries(extra)) files.set(k, JSON.stringify(v));
  return contractSetFromTexts(label, files);
}

/** A closed object with one property `p` holding `prop` (required unless told). */
export function objWith(prop: object | undefined, opts: { required?: boolean; closed?: boolean; more?: Record<string, object> } = {}): object {
  const properties: Record<string, object> = { id: { type: 'string' }, ...(prop === undefined ? {} : { p: prop }), ...(opts.more ?? {}) };
  const required = ['id', ...(prop !== undefined && opts.required !== false ? ['p'] : [])];
  return { type: 'object', ...(opts.closed === false ? {} : { additionalProperties: false }), required, properties };
}

export interface Outcome {
  readonly rules: string[];
  readonly backward: boolean;
  readonly forward: boolean;
}

export function check(oldSet: ContractSet, newSet: ContractSet, samples = 0): Outcome & { witnesses: number; verdicts: string[] } {
  const c = compareSets(oldSet, newSet, { samples, seed: 7, corpusRoot: undefined });
  const breaking = c.findings.filter((f) => breaksIn(f, 'BACKWARD') || breaksIn(f, 'FORWARD'));
  return {
    rules: [...new Set(c.findings.filter((f) => f.rule !== 'DEF_ADDED' && f.rule !== 'CONTRACT_ADDED' && f.rule !== 'DATA_FILE_ADDED').map((f) => f.rule))].sort(),
    backward: c.findings.some((f) => breaksIn(f, 'BACKWARD')),
    forward: c.findings.some((f) => breaksIn(f, 'FORWARD')),
    witnesses: breaking.filter((f) => f.witness !== undefined).length,
    verdicts: c.contracts.flatMap((v) => [v.backward, v.forward]),
  };
}
