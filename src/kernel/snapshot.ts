// What a snapshot must satisfy beyond its schema before a kernel adopts it: one slot per
// configured slot, in slot_id order. (The schema cannot relate slots to config.slot_count.)
import type { CoreSnapshot } from './types.js';

export class SnapshotShapeError extends Error {
  override readonly name = 'SnapshotShapeError';
  /** JSON pointer into the snapshot. */
  readonly path: string;
  constructor(path: string, message: string) {
    super(`${message} at ${path === '' ? '(root)' : path}`);
    this.path = path;
  }
}

export function checkSnapshotShape(s: CoreSnapshot): void {
  if (s.slots.length !== s.config.slot_count) {
    throw new SnapshotShapeError(
      '/slots',
      `snapshot holds ${s.slots.length} slots but config.slot_count is ${s.config.slot_count}`,
    );
  }
  for (let i = 0; i < s.slots.length; i++) {
    const id = s.slots[i]?.slot_id;
    if (id !== i) throw new SnapshotShapeError(`/slots/${i}/slot_id`, `slot ${i} has slot_id ${String(id)}`);
  }
}
