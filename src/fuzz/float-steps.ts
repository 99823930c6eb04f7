/**
 * Stepping through binary64 one representable value at a time: the neighbours of a value are
 * where off-by-one-ulp bugs live (a remainder one ulp short, a bound one step past).
 */
const view = new DataView(new ArrayBuffer(8));

function bits(x: number): bigint {
  view.setFloat64(0, x);
  return view.getBigUint64(0);
}

function fromBits(b: bigint): number {
  view.setBigUint64(0, b);
  return view.getFloat64(0);
}

/** The next representable value above `x` (NaN and +Infinity map to themselves). */
export function nextUp(x: number): number {
  if (Number.isNaN(x) || x === Infinity) return x;
  if (x === 0) return Number.MIN_VALUE;
  return x > 0 ? fromBits(bits(x) + 1n) : fromBits(bits(x) - 1n);
}

/** The next representable value below `x`. */
export function nextDown(x: number): number {
  return -nextUp(-x);
}

/** `x` moved `n` representable values (negative: downwards). */
export function ulpsAway(x: number, n: number): number {
  let y = x;
  for (let i = 0; i < Math.abs(n); i++) y = n > 0 ? nextUp(y) : nextDown(y);
  return y;
}
