// The kernel speaks the generated contract types only; this file re-exports the ones it uses
// so that every kernel module imports from one place.
export type {
  AccountEvent,
  AccountState,
  CancelIntent,
  CoreSnapshot,
  DiagnosticCode,
  EngineIntent,
  EnterIntent,
  ExchangeConfig,
  ExchangeConfig as ExchangeConfigView,
  ExecutionStepResult,
  ExitIntent,
  FeeCalibration,
  KernelConfig,
  Mode,
  OrderAction,
  OrderRole,
  OrderStatus,
  OrderTransition,
  OrderType,
  OutcomeDetails,
  ReconcileField,
  ReconcileSlot,
  Severity,
  Side,
  TradeSlot,
  TradeStage,
  TransitionResult,
  Trigger,
  VenueEvent,
  VenueOrder,
  OrderAck,
  PartialFill,
  Fill,
  CancelAck,
  OrderRejected,
  CancelRejected,
  OrderExpired,
  RateLimited,
} from '../../generated/ts/types.js';

import type { OrderType as OT } from '../../generated/ts/types.js';

/** A mark price request as the kernel sees it. */
export interface MarkPriceInput {
  readonly asset: string;
  readonly price: number;
  readonly ts: number;
}

/** A fee calibration request as the kernel sees it. */
export interface CalibrateFeeInput {
  readonly fill_price: number;
  readonly fill_size: number;
  readonly order_type: OT;
  readonly actual_fee: number;
}
