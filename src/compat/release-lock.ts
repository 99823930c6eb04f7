// The released contracts: `contracts/releases/lock.json` lists each release's version and the
// canonical hash of each contract; `contracts/releases/<version>/schemas/` keeps the released
// files readable for the checker. The release writes both; a copy that no longer matches its
// lock is refused (a baseline edited after the fact would hide breaks).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stableText as canonicalize } from './stable-text.js';
import { ContractSetError, loadContractDir, type ContractSet } from './contract-set.js';
import { isObject } from './refs.js';

export const RELEASES_DIR = 'contracts/releases';
export const LOCK_FILE = `${RELEASES_DIR}/lock.json`;

export interface ReleaseEntry {
  readonly version: string;
  /** Path relative to `schemas/` -> `sha256:<hex>` of its canonical JSON. */
  readonly contracts: Record<string, string>;
}

export interface ReleaseLock {
  readonly releases: ReleaseEntry[];
}

export function contractHash(value: unknown): string {
  return `sha256:${createHash('sha256').update(canonicalize(value)).digest('hex')}`;
}

export function hashSet(set: ContractSet): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [file, value] of [...set.schemas, ...set.data].sort(([a], [b]) => (a < b ? -1 : 1))) out[file] = contractHash(value);
  return out;
}

export function readLock(root: string): ReleaseLock {
  const path = join(root, LOCK_FILE);
  if (!existsSync(path)) return { releases: [] };
  const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
  if (!isObject(parsed) || !Array.isArray(parsed.releases)) throw new ContractSetError(`${LOCK_FILE}: expected {"releases": [...]}`);
  return parsed as unknown as ReleaseLock;
}

/** Loads one released set and checks it against its lock entry. */
export function loadRelease(root: string, entry: ReleaseEntry): ContractSet {
  const set = loadContractDir(join(root, RELEASES_DIR, entry.version), `release ${entry.version}`);
  const actual = hashSet(set);
  const files = new Set([...Object.keys(actual), ...Object.keys(entry.contracts)]);
  for (const file of [...files].sort()) {
    if (actual[file] !== entry.contracts[file]) {
      throw new ContractSetError(`release ${entry.version}: ${RELEASES_DIR}/${entry.version}/schemas/${file} does not match ${LOCK_FILE} (${actual[file] ?? 'missing'} vs ${entry.contracts[file] ?? 'not locked'})`);
    }
  }
  return set;
}

/** Records `set` as release `version`: the readable copy and the lock entry (replacing one of the same version). */
export function writeRelease(root: string, version: string, set: ContractSet): void {
  const dir = join(root, RELEASES_DIR, version, 'schemas');
  mkdirSync(join(dir, 'data'), { recursive: true });
  for (const [file, value] of [...set.schemas, ...set.data]) writeFileSync(join(dir, file), `${JSON.stringify(value, null, 2)}\n`);
  const lock = readLock(root);
  const releases = lock.releases.filter((r) => r.version !== version);
  releases.push({ version, contracts: hashSet(set) });
  writeFileSync(join(root, LOCK_FILE), `${JSON.stringify({ releases }, null, 2)}\n`);
}
