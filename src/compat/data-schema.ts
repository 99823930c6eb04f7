// Which schema describes a data table. There is no registry: a table names its schema by `$schema`,
// or by file name (`mode.policy.json` -> `mode_policy.schema.json`, `order.matrix.json` ->
// `transition_matrix.schema.json` as the only schema ending in `_matrix`). A new table is thereby
// compared by its own schema without code changes here.
import type { ContractSet } from './contract-set.js';
import { isObject } from './refs.js';

export function dataSchemaFile(set: ContractSet, dataFile: string, data: unknown): string | undefined {
  const names = [...set.schemas.keys()];
  if (isObject(data) && typeof data.$schema === 'string') {
    const base = data.$schema.slice(data.$schema.lastIndexOf('/') + 1);
    if (set.schemas.has(base)) return base;
  }
  const stem = dataFile.replace(/^data\//, '').replace(/\.json$/, '');
  const parts = stem.split('.');
  const exact = `${parts.join('_')}.schema.json`;
  if (set.schemas.has(exact)) return exact;
  const last = parts[parts.length - 1]!;
  const bySuffix = names.filter((n) => n === `${last}.schema.json` || n.endsWith(`_${last}.schema.json`));
  if (bySuffix.length === 1) return bySuffix[0];
  const first = `${parts[0]}.schema.json`;
  return set.schemas.has(first) ? first : undefined;
}
