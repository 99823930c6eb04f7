import { Compile } from 'typebox/schema';
import { contractsOf } from '../../../codegen/model/contracts.js';
import type { SchemaSet } from '../../../codegen/schema-set.js';

/** typebox's compiled check of each contract, from the raw schemas as written (no codegen additions). */
export function typeboxValidators(set: SchemaSet): Map<string, (value: unknown) => boolean> {
  const context: Record<string, object> = {};
  for (const file of set.files) context[file.schema.$id] = file.schema;
  const checks = new Map<string, (value: unknown) => boolean>();
  for (const contract of contractsOf(set)) {
    const validator = Compile(context, contract.file.schema);
    checks.set(contract.name, (value) => validator.Check(value));
  }
  return checks;
}
