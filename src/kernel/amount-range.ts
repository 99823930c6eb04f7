// The ledger range: every money amount the kernel keeps stays within the schemas' Amount
// range. Inputs within their own bounds can still multiply past it (a fee of price * size *
// rate reaches 1e23); such a step is refused rather than leaving a slot or the account that no
// response could carry (and canonical JSON could not write: integers beyond 2^53 - 1).
import type { AccountState, TradeSlot } from './types.js';
import { numberText } from './numbers.js';
import type { OutcomeDetails } from './types.js';

/** The Amount bound of vocabulary.schema.json. */
export const AMOUNT_MAX = 1e15;

const inRange = (x: number): boolean => x >= -AMOUNT_MAX && x <= AMOUNT_MAX;

const SLOT_AMOUNTS = ['realized_pnl', 'unrealized_pnl', 'fees_paid'] as const;
const ACCOUNT_AMOUNTS = [
  'k_realized_pnl',
  'k_fees_paid',
  'k_funding_paid',
  'k_capital',
  'e_fees_paid',
  'e_realized_pnl',
  'e_funding_paid',
  'reconcile_delta',
] as const;

/** The first amount out of range (slot fields, then account fields), as refusal details. */
export function amountOutOfRange(slot: TradeSlot | undefined, account: AccountState | undefined): OutcomeDetails | undefined {
  if (slot !== undefined) {
    for (const f of SLOT_AMOUNTS) {
      if (!inRange(slot[f])) return { field: f, value: numberText(slot[f]), reason: 'AMOUNT_OUT_OF_RANGE' };
    }
  }
  if (account !== undefined) {
    for (const f of ACCOUNT_AMOUNTS) {
      if (!inRange(account[f])) return { field: `account.${f}`, value: numberText(account[f]), reason: 'AMOUNT_OUT_OF_RANGE' };
    }
  }
  return undefined;
}
