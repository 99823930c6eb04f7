/**
 * The contracts hash: SHA-256 over the canonical JSON of the whole schema set (every schema and
 * data table), generated into both languages so a journal header names the contracts it was
 * written under without either kernel reading `schemas/` at run time.
 */
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { GeneratedFile } from './emit/generated-file.js';
import { FilePrinter } from './emit/generated-file.js';
import { preamble } from './emit/preamble.js';
import { schemaSourcePath, type SchemaSet } from './schema-set.js';

export const CONTRACTS_HASH_TS = 'generated/ts/contracts-hash.ts';
export const CONTRACTS_HASH_RUST = 'generated/rust/contracts_hash.rs';

/** `sha256:` and the hex digest of the canonical JSON of the schema set. */
export function contractsHash(set: SchemaSet): string {
  const text = canonicalize(set);
  if (text === undefined) throw new Error('schema set has no canonical JSON');
  return `sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`;
}

export function generateContractsHash(set: SchemaSet): GeneratedFile[] {
  const hash = contractsHash(set);
  const sources = [...set.files.map(schemaSourcePath), 'schemas/data/*'];
  const ts = new FilePrinter();
  ts.print('/** SHA-256 over the canonical JSON of every schema and data table: the journal header names it. */');
  ts.print(`export const CONTRACTS_HASH = '${hash}';`);
  const rust = new FilePrinter();
  rust.print('//! The contracts hash a journal header names (SHA-256 over every schema and data table).');
  rust.blank();
  rust.print('/// SHA-256 over the canonical JSON of every schema and data table.');
  rust.print(`pub const CONTRACTS_HASH: &str = "${hash}";`);
  return [ts.toFile(CONTRACTS_HASH_TS, preamble('ts', sources)), rust.toFile(CONTRACTS_HASH_RUST, preamble('rust', sources))];
}
