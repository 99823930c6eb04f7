/**
 * The n-th order of a trade (entry = 1, exits counting on) has the id `<trade_id>#<n>`:
 * deterministic, so replays and restarts name the same orders.
 */
export function orderId(tradeId: string, n: number): string {
  return `${tradeId}#${n}`;
}

/**
 * How many orders of `tradeId` the slot's order fields already name: the highest n of an order
 * id `<tradeId>#<n>` among them, 0 when none. A reconcile that adopts a trade counts on from
 * there, so a trade the slot held before (A, then B, then A again by reconcile) never names a
 * new order like one the slot still holds: a venue event for that id would find the old one.
 * At most 15 digits are read (below 2^53, so both kernels read the same number).
 */
export function ordersNamedFor(tradeId: string, orders: ReadonlyArray<{ readonly order_id: string } | undefined>): number {
  const prefix = `${tradeId}#`;
  let highest = 0;
  for (const o of orders) {
    if (o === undefined || !o.order_id.startsWith(prefix)) continue;
    const digits = o.order_id.slice(prefix.length);
    if (/^[1-9][0-9]{0,14}$/.test(digits)) highest = Math.max(highest, Number(digits));
  }
  return highest;
}
