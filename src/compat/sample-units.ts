// What gets sampled: each changed node that can stand alone, a schema root whose file changed
// and each $def whose text changed, documentation aside (a description edit cannot change
// what validates, so there is nothing for sampling to find). $refs are context-free, so a contract that only refers to a
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

const DOCS = new Set(['description', 'title', '$comment', 'examples', 'deprecated', 'readOnly', 'writeOnly']);
const NAME_MAPS = new Set(['properties', 'patternProperties', '$defs']);

/** The schema without its documentation: two texts equal here validate the same instances. */
export function validatingText(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(validatingText);
  if (!isObject(node)) return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    if (DOCS.has(k)) continue;
    out[k] = NAME_MAPS.has(k) && isObject(v) ? Object.fromEntries(Object.entries(v).map(([n, d]) => [n, validatingText(d)])) : k === 'enum' || k === 'const' || k === 'default' ? v : validatingText(v);
  }
  return out;
}

function withoutDefs(schema: unknown): unknown {
  if (!isObject(schema)) return schema;
  const { $defs: _defs, ...rest } = schema;
  return validatingText(rest);
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
      if (name in newDefs && canonicalize(validatingText(oldDefs[name])) !== canonicalize(validatingText(newDefs[name]))) units.push({ file, pointer: `/$defs/${name}` });
    }
  }
  return units;
}
