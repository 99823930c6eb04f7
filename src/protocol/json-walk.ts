// Checks 4 (lone surrogate escapes), 5 (depth), 6 (numbers out of range) and 7 (forbidden
// keys) of docs/protocol.md over a value JSON.parse produced. JSON.parse itself is
// iterative, so very deep input parses; these walks never recurse deeper than
// JSON_DEPTH_MAX + 1 frames, or not at all.
import { jsonPointer, type PathSegment } from '../canonical/index.js';
import { FORBIDDEN_KEYS, JSON_DEPTH_MAX } from './limits.js';

/** ES2024 `String.prototype.isWellFormed` (native since Node 20): no lone UTF-16 surrogate. */
function wellFormed(text: string): boolean {
  return (text as unknown as { isWellFormed(): boolean }).isWellFormed();
}

/** Whether any string or key of `value` holds a lone UTF-16 surrogate (iterative). */
export function hasLoneSurrogate(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'string') {
      if (!wellFormed(v)) return true;
    } else if (Array.isArray(v)) {
      for (const item of v) stack.push(item);
    } else if (typeof v === 'object' && v !== null) {
      for (const key of Object.keys(v)) {
        if (!wellFormed(key)) return true;
        stack.push((v as Record<string, unknown>)[key]);
      }
    }
  }
  return false;
}

/** What the structural walk found; depth outranks numbers, numbers outrank keys. */
export const WalkFinding = {
  None: 0,
  ForbiddenKey: 1,
  NumberOutOfRange: 2,
  DepthExceeded: 3,
} as const;
export type WalkFinding = (typeof WalkFinding)[keyof typeof WalkFinding];

/**
 * One depth-first pass. Stops at once when nesting passes JSON_DEPTH_MAX (that finding
 * outranks every other); otherwise reports the highest-ranked finding.
 */
export function walkLine(value: unknown): WalkFinding {
  const found: { worst: WalkFinding } = { worst: WalkFinding.None };
  return visit(value, 0, found) ? WalkFinding.DepthExceeded : found.worst;
}

/** Returns true when the depth limit is exceeded (abort). */
function visit(v: unknown, depth: number, found: { worst: WalkFinding }): boolean {
  if (typeof v === 'number') {
    if (!Number.isFinite(v) && found.worst < WalkFinding.NumberOutOfRange) found.worst = WalkFinding.NumberOutOfRange;
    return false;
  }
  if (typeof v !== 'object' || v === null) return false;
  const d = depth + 1;
  if (d > JSON_DEPTH_MAX) return true;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) if (visit(v[i], d, found)) return true;
    return false;
  }
  for (const key in v) {
    if (FORBIDDEN_KEYS.has(key) && found.worst < WalkFinding.ForbiddenKey) found.worst = WalkFinding.ForbiddenKey;
    if (visit((v as Record<string, unknown>)[key], d, found)) return true;
  }
  return false;
}

/**
 * JSON pointer of the first forbidden key, depth first with each object's keys in sorted
 * (UTF-16 code unit) order. Only called once walkLine found one, within the depth limit.
 */
export function firstForbiddenKey(value: unknown): string | undefined {
  const path: PathSegment[] = [];
  const search = (v: unknown): boolean => {
    if (typeof v !== 'object' || v === null) return false;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        path.push(i);
        if (search(v[i])) return true;
        path.pop();
      }
      return false;
    }
    for (const key of Object.keys(v).sort()) {
      path.push(key);
      if (FORBIDDEN_KEYS.has(key) || search((v as Record<string, unknown>)[key])) return true;
      path.pop();
    }
    return false;
  };
  return search(value) ? jsonPointer(path) : undefined;
}
