// What gets sampled: each changed node that can stand alone, a schema root whose file changed
// and each $def whose text changed. $refs are context-free, so a contract that only refers to a
// changed $def is covered by sampling that $def once instead of once per contract.
import { stableText as canonicalize } from './stable-text.js';
import type { ContractSet } from './contract-set.js';
import { isObject } from './refs.js';

export interface SampleUnit {
  readonly file: string;
  readonly pointer: string;
}

const VALIDATING = ['type', 'oneOf', 'anyOf', '$ref', 'properties', 'enum', 'const'];

function validates(node: unknown): boolean {
  return isObject(node) && VALIDATING.some((k) => k in node);
}

function withoutDefs(schema: unknown): unknown {
  if (!isObject(schema)) return schema;
  const { $defs: _defs, ...rest } = schema;
  return rest;
}

export function changedUnits(oldSet: ContractSet, newSet: ContractSet): SampleUnit[] {
  const units: SampleUnit[] = [];
  for (const [file, oldSchema] of oldSet.schemas) {
    const newSchema = newSet.schemas.get(file);
    if (newSchema === undefined) continue;
    if (validates(oldSchema) && validates(newSchema) && canonicalize(withoutDefs(oldSchema)) !== canonicalize(withoutDefs(newSchema))) {
      units.push({ file, pointer: '' });
    }
    const oldDefs = isObject(oldSchema) && isObject(oldSchema.$defs) ? oldSchema.$defs : {};
    const newDefs = isObject(newSchema) && isObject(newSchema.$defs) ? newSchema.$defs : {};
    for (const name of Object.keys(oldDefs)) {
      if (name in newDefs && canonicalize(oldDefs[name]) !== canonicalize(newDefs[name])) units.push({ file, pointer: `/$defs/${name}` });
    }
  }
  return units;
}
