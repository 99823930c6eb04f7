/**
 * The committed list of mutants argued equivalent (`mutants/equivalent.json`): each a mutant id
 * and the argument why no input can tell it from the original. Like the known-divergences
 * ratchet, a listed mutant that gets killed fails the run (the argument was wrong, or the code
 * changed), so the list can only shrink towards the truth.
 */
import { existsSync, readFileSync } from 'node:fs';

export interface EquivalentEntry {
  readonly id: string;
  readonly reason: string;
}

/** The entries, or a sentence naming what is wrong with the file and where. */
export function loadEquivalentList(path: string): EquivalentEntry[] {
  if (!existsSync(path)) return [];
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`${path}: not JSON (${(error as Error).message})`);
  }
  const list = (data as { mutants?: unknown } | null)?.mutants;
  if (!Array.isArray(list)) throw new Error(`${path}: expected {"version": 1, "mutants": [{"id", "reason"}, ...]}`);
  return list.map((e: unknown, i) => {
    const { id, reason } = (e ?? {}) as { id?: unknown; reason?: unknown };
    if (typeof id !== 'string' || typeof reason !== 'string' || reason.trim().length < 10) {
      throw new Error(`${path}: /mutants/${i} needs an "id" and a "reason" of at least 10 characters`);
    }
    return { id, reason };
  });
}
