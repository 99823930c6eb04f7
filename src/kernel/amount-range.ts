// The ledger range: every money amount the kernel keeps stays within the schemas' Amount
// range. Inputs within their own bounds can still multiply past it (a fee of price * size *
// rate reaches 1e23); such a step is refused rather than leaving a slot or the account that no
// response could carry (and canonical JSON could not write: integers beyond 2^53 - 1).
import type { AccountState, TradeSlot } from './types.js';
import { numberText } from './numbers.js';
import type { OutcomeDetails } from './types.js';
import { AMOUNT_MAX } from '../../generated/ts/protocol-edge.js';

/** The Amount bound of vocabulary.schema.json (amount_max of schemas/data/protocol.edge.json). */
export { AMOUNT_MAX };

const inRange = (x: number): boolean => x >= -AMOUNT_MAX && x <= AMOUNT_MAX;

/** The first amount out of range (slot fields, then account fields), as refusal details. */
export function amountOutOfRange(slot: TradeSlot | undefined, account: AccountState | undefined): OutcomeDetails | undefined {
  // Written out field by field: a loop over field names would make every read a slow keyed one.
  if (slot !== undefined) {
    if (!inRange(slot.realized_pnl)) return out('realized_pnl', slot.realized_pnl);
    if (!inRange(slot.unrealized_pnl)) return out('unrealized_pnl', slot.unrealized_pnl);
    if (!inRange(slot.fees_paid)) return out('fees_paid', slot.fees_paid);
  }
  if (account !== undefined) {
    if (!inRange(account.k_realized_pnl)) return out('account.k_realized_pnl', account.k_realized_pnl);
    if (!inRange(account.k_fees_paid)) return out('account.k_fees_paid', account.k_fees_paid);
    if (!inRange(account.k_funding_paid)) return out('account.k_funding_paid', account.k_funding_paid);
    if (!inRange(account.k_capital)) return out('account.k_capital', account.k_capital);
    if (!inRange(account.e_fees_paid)) return out('account.e_fees_paid', account.e_fees_paid);
    if (!inRange(account.e_realized_pnl)) return out('account.e_realized_pnl', account.e_realized_pnl);
    if (!inRange(account.e_funding_paid)) return out('account.e_funding_paid', account.e_funding_paid);
    if (!inRange(account.reconcile_delta)) return out('account.reconcile_delta', account.reconcile_delta);
  }
  return undefined;
}

function out(field: string, value: number): OutcomeDetails {
  return { field, value: numberText(value), reason: 'AMOUNT_OUT_OF_RANGE' };
}
