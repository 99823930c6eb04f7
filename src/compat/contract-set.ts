// A set of contracts as plain data: every schema file and every data table, keyed by their path
// relative to `schemas/`. Baselines of every kind (release, git ref, folder, tarball) end up here.
import { readFileSync, readdirSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface ContractSet {
  /** What this set is, for messages: `release 0.1.0`, `git main`, a folder path. */
  readonly label: string;
  /** `engine_intent.schema.json` -> parsed schema. */
  readonly schemas: ReadonlyMap<string, unknown>;
  /** `data/order.matrix.json` -> parsed table. */
  readonly data: ReadonlyMap<string, unknown>;
}

/** Bad baseline input: names the source and what is wrong. */
export class ContractSetError extends Error {
  override readonly name = 'ContractSetError';
}

export const SCHEMA_SUFFIX = '.schema.json';

function parse(source: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ContractSetError(`${source}: not JSON: ${(error as Error).message}`);
  }
}

/**
 * Builds a set from file texts keyed by path relative to `schemas/` (`x.schema.json`,
 * `data/y.json`). Anything else is ignored.
 */
export function contractSetFromTexts(label: string, files: ReadonlyMap<string, string>): ContractSet {
  const schemas = new Map<string, unknown>();
  const data = new Map<string, unknown>();
  for (const path of [...files.keys()].sort()) {
    const text = files.get(path) as string;
    if (!path.includes('/') && path.endsWith(SCHEMA_SUFFIX)) schemas.set(path, parse(`${label}: schemas/${path}`, text));
    else if (/^data\/[^/]+\.json$/.test(path)) data.set(path, parse(`${label}: schemas/${path}`, text));
  }
  if (schemas.size === 0) throw new ContractSetError(`${label}: no schemas/*.schema.json found`);
  return { label, schemas, data };
}

/** Reads `<dir>/schemas` (or `<dir>` itself when it holds schema files). */
export function loadContractDir(dir: string, label = dir): ContractSet {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new ContractSetError(`${label}: not a folder`);
  const schemasDir = existsSync(join(dir, 'schemas')) ? join(dir, 'schemas') : dir;
  const files = new Map<string, string>();
  for (const name of readdirSync(schemasDir)) {
    if (name.endsWith(SCHEMA_SUFFIX)) files.set(name, readFileSync(join(schemasDir, name), 'utf8'));
  }
  const dataDir = join(schemasDir, 'data');
  if (existsSync(dataDir)) {
    for (const name of readdirSync(dataDir)) {
      if (name.endsWith('.json')) files.set(`data/${name}`, readFileSync(join(dataDir, name), 'utf8'));
    }
  }
  return contractSetFromTexts(label, files);
}
