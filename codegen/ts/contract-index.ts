import { FilePrinter, type GeneratedFile } from '../emit/generated-file.js';
import { preamble } from '../emit/preamble.js';
import { contractsOf } from '../model/contracts.js';
import { taggedUnionsOfSet } from '../model/tagged-unions.js';
import { schemaSourcePath, type SchemaSet } from '../schema-set.js';

export const CONTRACT_INDEX_TS = 'generated/ts/contract-index.ts';

/**
 * The contract names and the tags of every tagged union, for the validation API: it names
 * the allowed tag values when a value carries an unknown one.
 */
export function generateContractIndex(set: SchemaSet): GeneratedFile[] {
  const contracts = contractsOf(set);
  const unions: Record<string, { tag: string; values: string[] }> = {};
  for (const union of taggedUnionsOfSet(set)) {
    if (union.title === undefined || union.tag === undefined) continue;
    unions[union.title] = { tag: union.tag, values: union.branches.map((branch) => String(branch.tagValue)) };
  }
  const p = new FilePrinter();
  p.print('// The contracts: one per schema file that describes a value, named by its title.');
  p.print("import type * as Types from './types.js';");
  p.blank();
  p.print('/** Every contract name, in schema file order. */');
  p.print(`export const contractNames = ${JSON.stringify(contracts.map((contract) => contract.name), null, 2)} as const;`);
  p.blank();
  p.print('/** The name of a contract: the `title` of its schema. */');
  p.print('export type ContractName = (typeof contractNames)[number];');
  p.blank();
  p.print('/** The TypeScript type of each contract. */');
  p.print('export interface ContractTypes {');
  for (const contract of contracts) p.print(`  ${contract.name}: Types.${contract.name};`);
  p.print('}');
  p.blank();
  p.print('/** The `$id` of each contract schema. */');
  p.print('export const contractSchemaIds: { readonly [N in ContractName]: string } = {');
  for (const contract of contracts) p.print(`  ${contract.name}: ${JSON.stringify(contract.file.schema.$id)},`);
  p.print('};');
  p.blank();
  p.print('/** A tagged union: its tag property and the tag value of each branch. */');
  p.print('export interface UnionTag {');
  p.print('  readonly tag: string;');
  p.print('  readonly values: readonly string[];');
  p.print('}');
  p.blank();
  p.print('/** Every tagged union, by the title of the schema holding the `oneOf`. */');
  p.print(`export const unionTags: { readonly [title: string]: UnionTag } = ${JSON.stringify(unions, null, 2)};`);
  return [p.toFile(CONTRACT_INDEX_TS, preamble('ts', set.files.map(schemaSourcePath)))];
}
