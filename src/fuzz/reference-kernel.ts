/**
 * The slice of the in-process kernel (`src/kernel/`) the scenario builder needs. The
 * builder runs the reference engine while it generates, so that a strategy can react to
 * the stages and order actions the kernel really produces (a realistic scenario is a
 * closed loop: intent -> actions -> venue -> events -> kernel).
 */
import type {
  AccountEvent,
  CoreSnapshot,
  EngineIntent,
  ExecutionStepResult,
  KernelConfig,
  ReconcileSlot,
  VenueEvent,
} from '../../generated/ts/types.js';
import { createKernel } from '../kernel/index.js';

export interface ReferenceKernel {
  intent(i: EngineIntent): ExecutionStepResult;
  venueEvent(e: VenueEvent): ExecutionStepResult;
  accountEvent(e: AccountEvent): ExecutionStepResult;
  markPrice(m: { asset: string; price: number; ts: number }): ExecutionStepResult;
  reconcile(r: { reconcile_id: string; ts: number; slots: ReconcileSlot[] }): ExecutionStepResult;
  calibrateFee(c: { fill_price: number; fill_size: number; order_type: 'MARKET' | 'LIMIT'; actual_fee: number }): ExecutionStepResult;
  snapshot(): CoreSnapshot;
  restore(s: CoreSnapshot): unknown;
  reset(): unknown;
}

export type ReferenceKernelFactory = (config: KernelConfig) => ReferenceKernel;

export const tsReferenceKernel: ReferenceKernelFactory = (config) => createKernel(config) as unknown as ReferenceKernel;
