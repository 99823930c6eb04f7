// R1 validation of intents and venue events: slot id first, then every number in the field
// order of the schema. The first failure is reported, naming the field and its value.
import type { EngineIntent, EnterIntent, ExitIntent, VenueEvent } from './types.js';
import { isPositiveFinite, numberText } from './numbers.js';
import { refusal, type Refusal } from './outcome.js';
import { EXIT_LEG_SUM_TOLERANCE } from '../../generated/ts/protocol-edge.js';

/** Tolerance of the exit-leg ratio sum (schemas/data/protocol.edge.json). */
export { EXIT_LEG_SUM_TOLERANCE };

/** R1 step 1: an integer in [0, slot_count). */
export function checkSlotId(slotId: number, slotCount: number): Refusal | undefined {
  if (Number.isInteger(slotId) && slotId >= 0 && slotId < slotCount) return undefined;
  return refusal('INVALID_SLOT_ID', { field: 'slot_id', value: numberText(slotId) });
}

function positive(field: string, value: number, code: 'INVALID_INTENT' | 'INVALID_EVENT'): Refusal | undefined {
  return isPositiveFinite(value) ? undefined : refusal(code, { field, value: numberText(value) });
}

/** LIMIT needs a limit price, MARKET must not carry one. */
function orderTypeRule(i: EnterIntent | ExitIntent): Refusal | undefined {
  if (i.order_type === 'LIMIT' && i.limit_price === undefined) {
    return refusal('INVALID_INTENT', { field: 'limit_price', reason: 'LIMIT_PRICE_REQUIRED' });
  }
  if (i.order_type === 'MARKET' && i.limit_price !== undefined) {
    return refusal('INVALID_INTENT', { field: 'limit_price', reason: 'LIMIT_PRICE_FORBIDDEN' });
  }
  return undefined;
}

function checkEnterNumbers(i: EnterIntent): Refusal | undefined {
  const bad =
    positive('target_size', i.target_size, 'INVALID_INTENT') ??
    (i.limit_price !== undefined ? positive('limit_price', i.limit_price, 'INVALID_INTENT') : undefined) ??
    positive('leverage', i.leverage, 'INVALID_INTENT');
  if (bad !== undefined) return bad;
  const ratios: readonly number[] = i.exit_leg_ratios;
  for (let k = 0; k < ratios.length; k++) {
    const r = ratios[k] as number;
    if (!(Number.isFinite(r) && r > 0 && r <= 1)) {
      return refusal('INVALID_INTENT', { field: `exit_leg_ratios[${k}]`, value: numberText(r) });
    }
  }
  let sum = 0;
  for (const r of ratios) sum += r;
  if (!(sum <= 1 + EXIT_LEG_SUM_TOLERANCE)) {
    return refusal('INVALID_INTENT', { field: 'exit_leg_ratios', value: numberText(sum) });
  }
  return orderTypeRule(i);
}

/** R1 numbers of an intent (after the slot id). */
export function checkIntentNumbers(i: EngineIntent): Refusal | undefined {
  switch (i.action) {
    case 'ENTER':
      return checkEnterNumbers(i);
    case 'EXIT':
      return (
        (i.limit_price !== undefined ? positive('limit_price', i.limit_price, 'INVALID_INTENT') : undefined) ??
        orderTypeRule(i)
      );
    case 'CANCEL':
      return undefined;
  }
}

/** R1 numbers of a venue event (after the slot id): fills need price > 0 then size > 0. */
export function checkEventNumbers(e: VenueEvent): Refusal | undefined {
  if (e.kind === 'PARTIAL_FILL' || e.kind === 'FILL') {
    return positive('price', e.price, 'INVALID_EVENT') ?? positive('size', e.size, 'INVALID_EVENT');
  }
  return undefined;
}
