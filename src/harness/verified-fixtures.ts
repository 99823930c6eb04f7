/**
 * Fixture files already checked, remembered by the sha256 of their bytes, so that a parity run
 * checks only the files that changed. Checking a file (strict parse, the compiled Fixture
 * validator, canonical JSON for its id) costs about ten times reading it with JSON.parse, and the
 * corpus rarely changes between runs. Beside each file the canonical texts a run needs of it are
 * kept (fixture-texts.ts: configure line, requests, golden answers), so that a run does not
 * serialise them again. A file's verdict and its texts depend only on its bytes and on the code
 * that computes them, so the remembered set is keyed by a hash of that code too (the contracts
 * hash and, in a checkout, those sources): change either and every file is checked again.
 * Only files that passed are remembered; a refused file is checked (and refused) every time.
 * The set lives under node_modules/.cache of a checkout; a fresh clone, or an installed
 * package, checks everything.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { FixtureTexts } from './fixture-texts.js';
import { sourceTreeHash } from './source-tree-hash.js';
import { dirname, join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { CONTRACTS_HASH } from '../../generated/ts/contracts-hash.js';
import { IS_CHECKOUT, PACKAGE_ROOT } from '../package-root.js';

export const VERIFIED_FIXTURES_FILE = 'node_modules/.cache/lockstep-parity/verified-fixtures.json';

/** What a fixture file's verdict is computed by, besides the contracts (files and folders under the package root). */
const CHECKER_SOURCES = [
  'src/harness/fixture-file.ts',
  'src/harness/fixture-id.ts',
  'src/harness/verified-fixtures.ts',
  // What writes the kept texts.
  'src/harness/fixture-texts.ts',
  'src/harness/session-frame.ts',
  'src/harness/baseline-response.ts',
  'src/canonical',
  'src/contracts',
  'generated/ts/validators.js',
];

export interface VerifiedFixtures {
  /** Whether a file with these bytes passed the checks before. */
  has(digest: string): boolean;
  /** The texts kept for a file that passed (as stored: fixture-texts.ts `fitsFixture` checks them). */
  texts(digest: string): unknown;
  /** Remembers that a file with these bytes passed, and its texts. */
  add(digest: string, texts: FixtureTexts): void;
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
  /** Texts per file digest (sha256 hex). */
  readonly fixtures: Record<string, unknown>;
  /** Per digest, how many saves in a row did without it (absent: 0). */
  readonly unused?: Record<string, number>;
}

/**
 * Saves an entry may go unused before it is dropped: enough to outlive loads of other fixture
 * roots between two runs over the corpus (the tests load their own), few enough that the texts
 * of edited files do not pile up in a file every run reads.
 */
export const UNUSED_SAVES_MAX = 3;

const DIGEST = /^[0-9a-f]{64}$/;

interface Entry {
  readonly texts: unknown;
  readonly unused: number;
}

function readStored(path: string, checker: string): Map<string, Entry> {
  try {
    const stored = JSON.parse(readFileSync(path, 'utf8')) as Partial<Stored>;
    if (stored.checker !== checker || typeof stored.fixtures !== 'object' || stored.fixtures === null) return new Map();
    const unused = typeof stored.unused === 'object' && stored.unused !== null ? stored.unused : {};
    return new Map(
      Object.entries(stored.fixtures)
        .filter(([digest]) => DIGEST.test(digest))
        .map(([digest, texts]) => [digest, { texts, unused: Number.isInteger(unused[digest]) ? unused[digest]! : 0 }]),
    );
  } catch {
    return new Map();
  }
}

/**
 * The remembered set of a checkout (at `path`, default under its node_modules/.cache). A save
 * keeps what this set was asked about or given (the files of this load) and, for up to
 * UNUSED_SAVES_MAX saves, the entries it did without.
 */
export function openVerifiedFixtures(path: string = join(PACKAGE_ROOT, VERIFIED_FIXTURES_FILE), checker: string = checkerKey()): VerifiedFixtures {
  const stored = readStored(path, checker);
  const used = new Set<string>();
  let changed = false;
  const use = (digest: string): unknown => {
    const entry = stored.get(digest);
    if (entry === undefined) return undefined;
    used.add(digest);
    // Its count of unused saves starts over, which only a save records.
    if (entry.unused > 0) changed = true;
    return entry.texts;
  };
  return {
    has: (digest) => use(digest) !== undefined,
    texts: (digest) => use(digest),
    add(digest, texts) {
      stored.set(digest, { texts, unused: 0 });
      used.add(digest);
      changed = true;
    },
    save() {
      if (!changed) return;
      const fixtures: Record<string, unknown> = {};
      const unused: Record<string, number> = {};
      for (const [digest, entry] of stored) {
        const saves = used.has(digest) ? 0 : entry.unused + 1;
        if (saves > UNUSED_SAVES_MAX) continue;
        fixtures[digest] = entry.texts;
        if (saves > 0) unused[digest] = saves;
      }
      // One temporary file per writer (threads of one process share a pid): the rename is atomic.
      const temporary = `${path}.${process.pid}.${threadId}.tmp`;
      try {
        makeFolder(dirname(path));
        writeFileSync(temporary, `${JSON.stringify({ checker, fixtures, unused } satisfies Stored)}\n`);
        renameSync(temporary, path);
        // What this set holds from now on is what it saved (a set used for several loads saves once per change).
        stored.clear();
        used.clear();
        for (const [digest, texts] of Object.entries(fixtures)) stored.set(digest, { texts, unused: unused[digest] ?? 0 });
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
