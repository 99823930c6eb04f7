// The files a schema reaches through $refs. Two sides whose closures are byte-identical (as
// canonical JSON) are identical contracts: nothing to compare, nothing to sample.
import { stableText as canonicalize } from './stable-text.js';
import type { ContractSet } from './contract-set.js';
import { isObject } from './refs.js';

function refFiles(node: unknown, out: Set<string>, self: string): void {
  if (Array.isArray(node)) node.forEach((n) => refFiles(n, out, self));
  else if (isObject(node)) {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') {
        const base = v.split('#')[0]!;
        out.add(base === '' ? self : base.slice(base.lastIndexOf('/') + 1));
      } else refFiles(v, out, self);
    }
  }
}

/** The files `file` reaches through $refs, itself included, sorted. */
export function closureFiles(set: ContractSet, file: string): string[] {
  const seen = new Set<string>();
  const todo = [file];
  while (todo.length > 0) {
    const f = todo.pop()!;
    if (seen.has(f) || !set.schemas.has(f)) continue;
    seen.add(f);
    const refs = new Set<string>();
    refFiles(set.schemas.get(f), refs, f);
    todo.push(...refs);
  }
  return [...seen].sort();
}

export function closureText(set: ContractSet, file: string): string {
  return canonicalize(closureFiles(set, file).map((f) => [f, set.schemas.get(f)]));
}
