/**
 * The n-th order of a trade (entry = 1, exits counting on) has the id `<trade_id>#<n>`:
 * deterministic, so replays and restarts name the same orders.
 */
export function orderId(tradeId: string, n: number): string {
  return `${tradeId}#${n}`;
}
