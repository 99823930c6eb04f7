/**
 * Fixture files already checked, remembered by the sha256 of their bytes, so that a parity run
 * checks only the files that changed. Checking a file (strict parse, the compiled Fixture
 * validator, canonical JSON for its id) costs about ten times reading it with JSON.parse, and the
 * corpus rarely changes between runs. A file's verdict depends only on its bytes and on the
 * checker, so the remembered set is keyed by a hash of the checker too (the contracts hash and,
 * in a checkout, the checker's own sources): change either and every file is checked again.
 * Only files that passed are remembered; a refused file is checked (and refused) every time.
 * The set lives under node_modules/.cache of a checkout; a fresh clone, or an installed
 * package, checks everything.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { sourceTreeHash } from './source-tree-hash.js';
import { dirname, join } from 'node:path';
import { CONTRACTS_HASH } from '../../generated/ts/contracts-hash.js';
import { IS_CHECKOUT, PACKAGE_ROOT } from '../package-root.js';

export const VERIFIED_FIXTURES_FILE = 'node_modules/.cache/lockstep-parity/verified-fixtures.json';

/** What a fixture file's verdict is computed by, besides the contracts (files and folders under the package root). */
const CHECKER_SOURCES = [
  'src/harness/fixture-file.ts',
  'src/harness/fixture-id.ts',
  'src/harness/verified-fixtures.ts',
  'src/canonical',
  'src/contracts',
  'generated/ts/validators.js',
];

/** Remembered entries at most (a corpus is a few hundred files; old entries are dropped first). */
const ENTRIES_MAX = 20_000;

export interface VerifiedFixtures {
  /** Whether a file with these bytes passed the checks before. */
  has(digest: string): boolean;
  /** Remembers that a file with these bytes passed. */
  add(digest: string): void;
  /** Writes the set back when it changed; a cache that cannot be written is only slower, never wrong. */
  save(): void;
}

export function fileDigest(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The checker's identity: the contracts hash and, in a checkout, the bytes of its sources. */
export function checkerKey(root: string = PACKAGE_ROOT): string {
  return sourceTreeHash(root, CHECKER_SOURCES, CONTRACTS_HASH);
}

/** mkdir -p one level at a time (Node's recursive mkdir can spin where a level cannot be made, under /proc). */
function makeFolder(folder: string): void {
  if (existsSync(folder)) return;
  makeFolder(dirname(folder));
  mkdirSync(folder);
}

interface Stored {
  readonly checker: string;
  readonly digests: readonly string[];
}

function readStored(path: string, checker: string): string[] {
  try {
    const stored = JSON.parse(readFileSync(path, 'utf8')) as Partial<Stored>;
    if (stored.checker !== checker || !Array.isArray(stored.digests)) return [];
    return stored.digests.filter((d): d is string => typeof d === 'string' && /^[0-9a-f]{64}$/.test(d));
  } catch {
    return [];
  }
}

/** The remembered set of a checkout (at `path`, default under its node_modules/.cache). */
export function openVerifiedFixtures(path: string = join(PACKAGE_ROOT, VERIFIED_FIXTURES_FILE), checker: string = checkerKey()): VerifiedFixtures {
  const digests = new Set(readStored(path, checker));
  let changed = false;
  return {
    has: (digest) => digests.has(digest),
    add(digest) {
      if (digests.has(digest)) return;
      digests.add(digest);
      changed = true;
    },
    save() {
      if (!changed) return;
      const kept = [...digests].slice(-ENTRIES_MAX);
      const temporary = `${path}.${process.pid}.tmp`;
      try {
        makeFolder(dirname(path));
        writeFileSync(temporary, `${JSON.stringify({ checker, digests: kept } satisfies Stored)}\n`);
        renameSync(temporary, path);
        changed = false;
      } catch {
        // Unwritable (a read-only checkout): the next run checks every file again.
      }
    },
  };
}

/** The set parity runs use: a checkout's, or none from an installed package (every file checked). */
export function defaultVerifiedFixtures(): VerifiedFixtures | undefined {
  return IS_CHECKOUT && existsSync(join(PACKAGE_ROOT, 'node_modules')) ? openVerifiedFixtures() : undefined;
}
