// One reported change: which rule, where on both sides, and (for breaks) a concrete instance.
import { ruleById, type Direction } from './rules.js';

/** An instance the old side accepts and the new side refuses (or the reverse for FORWARD). */
export interface Witness {
  /** `fixture:<path>#<pointer>`, `data:<file>#<pointer>` or `generated` (seeded sampling). */
  readonly source: string;
  readonly instance: unknown;
}

export interface Finding {
  readonly rule: string;
  /** The file (relative to `schemas/`) holding the changed definition, new side when it exists. */
  readonly schema: string;
  /** The root contract in which the change was found (a schema or data file). */
  readonly contract: string;
  /** `file#/pointer` on each side; null where that side has nothing. */
  readonly oldPointer: string | null;
  readonly newPointer: string | null;
  /** Where in an instance the change bites, with `*` for array items. */
  readonly instancePath: string;
  readonly message: string;
  witness?: Witness;
  acknowledged?: string;
}

/** True when the finding breaks someone in the given direction. */
export function breaksIn(finding: Finding, direction: Direction): boolean {
  const rule = ruleById(finding.rule);
  return rule.severity === 'error' && rule.directions.includes(direction);
}

/** The pointer an ack names: the new side's when it exists. */
export function findingPointer(finding: Finding): string {
  const full = finding.newPointer ?? finding.oldPointer ?? '';
  const hash = full.indexOf('#');
  return hash < 0 ? '' : full.slice(hash + 1);
}
