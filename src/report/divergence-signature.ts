// A divergence's signature: what occurrences of the same bug share. Built from domain facts
// (implementation, op, the shape of the first differing pointer), never from message text
// with numbers in it, so one bug seen on many fixtures is one group.
import type { DivergenceGroup, DivergenceItem } from '../../generated/ts/types.js';
import { GROUP_ITEMS_MAX } from './report-part.js';

/** `/result/outcome/transitions/3/to` -> `/result/outcome/transitions/*\/to`. */
export function pointerShape(pointer: string): string {
  return pointer.replace(/\/\d+(?=\/|$)/g, '/*');
}

export function paritySignature(implementation: string, status: string, op: string | undefined, pointer: string | undefined): string {
  const where = pointer === undefined ? '' : ` at ${pointerShape(pointer) || '(whole answer)'}`;
  return `parity ${implementation} ${status}${op ? ` on ${op}` : ''}${where}`;
}

interface Pending {
  group: Omit<DivergenceGroup, 'items' | 'occurrences'>;
  items: DivergenceItem[];
  occurrences: number;
}

/** Collects occurrences into groups by signature; most frequent group first. */
export class DivergenceGroups {
  private readonly groups = new Map<string, Pending>();

  add(signature: string, source: DivergenceGroup['source'], kind: string, item: DivergenceItem, occurrences = 1): void {
    let g = this.groups.get(signature);
    if (g === undefined) {
      g = { group: { signature, source, kind }, items: [], occurrences: 0 };
      this.groups.set(signature, g);
    }
    g.occurrences += occurrences;
    if (g.items.length < GROUP_ITEMS_MAX) g.items.push(item);
  }

  toGroups(): DivergenceGroup[] {
    return [...this.groups.values()]
      .sort((a, b) => b.occurrences - a.occurrences || (a.group.signature < b.group.signature ? -1 : 1))
      .map((g) => ({ ...g.group, occurrences: g.occurrences, items: g.items }));
  }
}
