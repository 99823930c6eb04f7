// Number helpers shared by validation and reconcile audit records.

/**
 * A number as text, in ECMAScript `Number.prototype.toString` form (the JCS number format):
 * `NaN`, `Infinity`, `1e+21`; `-0` renders as `0` (String(-0) already does).
 */
export function numberText(value: number): string {
  return String(value);
}

/** Finite and strictly positive; `-0` and `0` are not. */
export function isPositiveFinite(value: number): boolean {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}

/** +1 for LONG, -1 for SHORT. */
export function sideSign(side: 'LONG' | 'SHORT'): 1 | -1 {
  return side === 'LONG' ? 1 : -1;
}
