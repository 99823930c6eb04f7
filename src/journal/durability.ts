// When appended records reach the disk. The Rust twin (durability.rs) takes the same names.

/**
 * - `every`: write and fsync each record before its answer is released (slowest, loses nothing).
 * - `batch` (default): group commit: the records of everything answered from one read of input
 *   are written with one write and one fsync before those answers are released, so an answer a
 *   client saw always has its record on disk.
 * - `none`: written before the answers are released, never fsynced: survives a killed process,
 *   not a lost machine.
 */
export type DurabilityPolicy = 'every' | 'batch' | 'none';

export const DURABILITY_POLICIES: readonly DurabilityPolicy[] = ['every', 'batch', 'none'];

export const DEFAULT_DURABILITY: DurabilityPolicy = 'batch';

export function isDurabilityPolicy(name: string): name is DurabilityPolicy {
  return (DURABILITY_POLICIES as readonly string[]).includes(name);
}
