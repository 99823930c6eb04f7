/** The in-process execution kernel (docs/kernel-semantics.md) and its invariant checker. */
export { createKernel, SNAPSHOT_VERSION, type Kernel, type KernelOptions } from './kernel.js';
export type { MarkPriceInput, CalibrateFeeInput } from './types.js';
export type { ReconcileInput } from './reconcile.js';
export { checkInvariants, InvariantViolationError, type InvariantName, type InvariantViolation } from './invariants.js';
export { SnapshotShapeError } from './snapshot.js';
export { emptySlot } from './slot.js';
