/**
 * A deep copy of kernel state. The state is plain JSON-shaped data (objects, arrays,
 * numbers, strings, booleans, null, undefined), for which this gives what `structuredClone`
 * gives (-0, NaN and keys holding undefined included) several times faster; `snapshot()`
 * runs after every step when invariants are checked (the fuzzer, the debug switch).
 */
export function cloneState<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    const out: unknown[] = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = cloneState(value[i] as unknown);
    return out as T;
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) out[key] = cloneState((value as Record<string, unknown>)[key]);
  return out as T;
}
