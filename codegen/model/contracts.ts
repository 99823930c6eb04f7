import type { SchemaFile, SchemaSet } from '../schema-set.js';

/**
 * The contracts: one per schema file whose root describes a value (an object or a tagged
 * union), named by the schema's `title`. A file that only holds `$defs` (the vocabulary)
 * validates nothing by itself and is not a contract.
 */
export interface Contract {
  readonly name: string;
  readonly file: SchemaFile;
}

export function isContractFile(file: SchemaFile): boolean {
  return file.schema.type !== undefined || file.schema.oneOf !== undefined;
}

/** Contracts in file-name order. */
export function contractsOf(set: SchemaSet): Contract[] {
  return set.files.filter(isContractFile).map((file) => ({ name: String(file.schema.title), file }));
}
