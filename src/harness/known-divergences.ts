import { existsSync, readFileSync } from 'node:fs';
import { parseJson } from '../canonical/index.js';

/**
 * The accepted gaps, per implementation (docs/parity.md, "Known divergences"):
 * `{"version": 1, "divergences": [{"implementation", "fixture", "reason"}]}`,
 * `fixture` being a fixture name. A listed case that passes fails the run
 * until its entry is removed (a ratchet).
 */
export interface KnownDivergence {
  readonly implementation: string;
  readonly fixture: string;
  readonly reason: string;
}

export type KnownDivergencesLoad =
  | { readonly ok: true; readonly entries: readonly KnownDivergence[] }
  | { readonly ok: false; readonly pointer: string; readonly reason: string };

const ENTRY_KEYS = ['fixture', 'implementation', 'reason'] as const;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks the shape by hand: closed objects, non-empty strings, no duplicate entries. */
export function checkKnownDivergences(value: unknown): KnownDivergencesLoad {
  if (!isObject(value)) return { ok: false, pointer: '', reason: 'must be an object' };
  for (const key of Object.keys(value).sort()) {
    if (key !== 'version' && key !== 'divergences') return { ok: false, pointer: `/${key}`, reason: 'unknown property' };
  }
  if (value.version !== 1) return { ok: false, pointer: '/version', reason: 'must be 1' };
  if (!Array.isArray(value.divergences)) return { ok: false, pointer: '/divergences', reason: 'must be an array' };
  const entries: KnownDivergence[] = [];
  const seen = new Set<string>();
  for (const [index, entry] of value.divergences.entries()) {
    const at = `/divergences/${index}`;
    if (!isObject(entry)) return { ok: false, pointer: at, reason: 'must be an object' };
    for (const key of Object.keys(entry).sort()) {
      if (!(ENTRY_KEYS as readonly string[]).includes(key)) return { ok: false, pointer: `${at}/${key}`, reason: 'unknown property' };
    }
    for (const key of ENTRY_KEYS) {
      const field = entry[key];
      if (typeof field !== 'string' || field.trim() === '') {
        return { ok: false, pointer: `${at}/${key}`, reason: 'must be a non-empty string' };
      }
    }
    const known = entry as unknown as KnownDivergence;
    const key = `${known.implementation}\u0000${known.fixture}`;
    if (seen.has(key)) return { ok: false, pointer: at, reason: `listed twice: ${known.implementation} / ${known.fixture}` };
    seen.add(key);
    entries.push({ implementation: known.implementation, fixture: known.fixture, reason: known.reason });
  }
  return { ok: true, entries };
}

/** Reads the file; a missing file lists nothing. */
export function loadKnownDivergences(path: string): KnownDivergencesLoad {
  if (!existsSync(path)) return { ok: true, entries: [] };
  let value: unknown;
  try {
    value = parseJson(readFileSync(path, 'utf8'));
  } catch (error) {
    return { ok: false, pointer: '', reason: `not strict JSON: ${(error as Error).message}` };
  }
  return checkKnownDivergences(value);
}
