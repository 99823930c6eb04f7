// Outcomes of a step: the severity and acceptance of each diagnostic code come from one table
// (docs/kernel-semantics.md, "The outcome of a step"), never from the call site.
import type {
  AccountState,
  DiagnosticCode,
  OrderAction,
  TradeSlot,
  OrderTransition,
  OutcomeDetails,
  Severity,
  TransitionResult,
} from './types.js';

const SEVERITY: Readonly<Record<DiagnosticCode, Severity>> = {
  OK: 'INFO',
  RECONCILED: 'INFO',
  OVERFILL_CLAMPED: 'WARNING',
  SHORT_FILL: 'WARNING',
  LATE_ACK: 'INFO',
  EXIT_SIZE_CLAMPED: 'WARNING',
  ORDER_REJECTED: 'WARNING',
  EXIT_ORDER_REJECTED: 'WARNING',
  CANCEL_REJECTED: 'WARNING',
  RATE_LIMITED: 'WARNING',
  DUPLICATE_EVENT: 'INFO',
  INVALID_INTENT: 'WARNING',
  INVALID_EVENT: 'WARNING',
  INVALID_REQUEST: 'WARNING',
  INVALID_SLOT_ID: 'WARNING',
  SLOT_BUSY: 'WARNING',
  ILLEGAL_TRANSITION: 'WARNING',
  NO_ACTIVE_ORDER: 'WARNING',
  UNKNOWN_ORDER: 'WARNING',
  TRADE_ID_MISMATCH: 'WARNING',
  MODE_FORBIDDEN: 'ERROR',
  STALE_STATE_RECONCILING: 'ERROR',
};

/** Codes whose step was applied. STALE_STATE_RECONCILING is accepted only when entering it. */
export type AcceptedCode =
  | 'OK'
  | 'RECONCILED'
  | 'OVERFILL_CLAMPED'
  | 'SHORT_FILL'
  | 'LATE_ACK'
  | 'EXIT_SIZE_CLAMPED'
  | 'ORDER_REJECTED'
  | 'EXIT_ORDER_REJECTED'
  | 'CANCEL_REJECTED'
  | 'STALE_STATE_RECONCILING';

/** Codes of a refused step (nothing changes but the step counter). */
export type RefusalCode = Exclude<DiagnosticCode, Exclude<AcceptedCode, 'STALE_STATE_RECONCILING'>>;

/** A refusal: the code and the details naming what was wrong. */
export interface Refusal {
  readonly refused: true;
  readonly code: RefusalCode;
  readonly details: OutcomeDetails;
}

export function refusal(code: RefusalCode, details: OutcomeDetails): Refusal {
  return { refused: true, code, details };
}

export function acceptedOutcome(
  code: AcceptedCode,
  details: OutcomeDetails,
  transitions: OrderTransition[],
): TransitionResult {
  return { accepted: true, code, severity: SEVERITY[code], details, transitions };
}

export function refusedOutcome(r: Refusal): TransitionResult {
  return { accepted: false, code: r.code, severity: SEVERITY[r.code], details: r.details, transitions: [] };
}

export function severityOf(code: DiagnosticCode): Severity {
  return SEVERITY[code];
}

/** What an accepted step did to one slot (and perhaps the account), before it is committed. */
export interface SlotEffect {
  readonly refused: false;
  readonly slot: TradeSlot;
  readonly account?: AccountState;
  readonly transitions: OrderTransition[];
  readonly actions: OrderAction[];
  readonly code: AcceptedCode;
  readonly details: OutcomeDetails;
}

export function slotEffect(
  slot: TradeSlot,
  transitions: OrderTransition[],
  actions: OrderAction[],
  code: AcceptedCode = 'OK',
  details: OutcomeDetails = {},
  account?: AccountState,
): SlotEffect {
  return account === undefined
    ? { refused: false, slot, transitions, actions, code, details }
    : { refused: false, slot, account, transitions, actions, code, details };
}
