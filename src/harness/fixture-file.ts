import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseJson } from '../canonical/index.js';
import { validate } from '../contracts/index.js';
import type { Fixture } from '../../generated/ts/types.js';
import { fixtureId } from './fixture-id.js';
import { adoptFixtureTexts, fitsFixture, fixtureTexts } from './fixture-texts.js';
import { fileDigest, type VerifiedFixtures } from './verified-fixtures.js';

/** A fixture and the file it came from. */
export interface LoadedFixture {
  readonly file: string;
  readonly fixture: Fixture;
}

/** Why a fixture file was refused: the file, the JSON pointer in it, and the reason. */
export interface FixtureFileProblem {
  readonly file: string;
  readonly pointer: string;
  readonly reason: string;
}

export type FixtureLoad =
  | { readonly ok: true; readonly fixtures: readonly LoadedFixture[] }
  | { readonly ok: false; readonly problems: readonly FixtureFileProblem[] };

/**
 * Fixture folders under the fixture root, in run order: regressions first;
 * `sessions/` holds fixtures with another session opening (session-frame.ts).
 */
export const FIXTURE_FOLDERS = ['regressions', 'corpus', 'sessions'] as const;

function jsonFilesUnder(folder: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(folder).sort();
  } catch {
    return [];
  }
  const files: string[] = [];
  for (const entry of entries) {
    const path = join(folder, entry);
    if (statSync(path).isDirectory()) files.push(...jsonFilesUnder(path));
    else if (entry.endsWith('.json')) files.push(path);
  }
  return files;
}

/** Every fixture file under `root`, regressions first, each folder in path order. */
export function fixtureFiles(root: string): string[] {
  return FIXTURE_FOLDERS.flatMap((folder) => jsonFilesUnder(join(root, folder)));
}

function checkOne(file: string, text: string): FixtureFileProblem | Fixture {
  let value: unknown;
  try {
    value = parseJson(text);
  } catch (error) {
    return { file, pointer: '', reason: `not strict JSON: ${(error as Error).message}` };
  }
  const checked = validate('Fixture', value);
  if (!checked.ok) {
    const first = checked.errors[0]!;
    return { file, pointer: first.path, reason: `${first.keyword}: ${first.message}` };
  }
  const fixture = value as Fixture;
  const id = fixtureId(fixture);
  if (fixture.id !== id) {
    return { file, pointer: '/id', reason: `id ${fixture.id} is not the sha256 of canonical {config, steps}: ${id}` };
  }
  for (let index = 0; index < fixture.steps.length; index += 1) {
    const step = fixture.steps[index]!;
    if (step.kind === 'raw' && Buffer.from(step.base64, 'base64').includes(0x0a)) {
      return { file, pointer: `/steps/${index}/base64`, reason: 'a raw line holds a newline byte; one step is one line' };
    }
  }
  return fixture;
}

/**
 * One file's fixture or the problem with it. A file whose bytes `verified` holds passed these
 * same checks before: it is read with JSON.parse, which gives what the strict parser gives for
 * any text that parser accepts (held by the canonical tests), and the texts kept beside it are
 * adopted (fixture-texts.ts); kept texts that do not fit it send it through the checks again.
 */
function readOne(path: string, file: string, verified: VerifiedFixtures | undefined): FixtureFileProblem | Fixture {
  const bytes = readFileSync(path);
  if (!verified) return checkOne(file, bytes.toString('utf8'));
  const digest = fileDigest(bytes);
  const kept = verified.texts(digest);
  if (kept !== undefined) {
    const fixture = JSON.parse(bytes.toString('utf8')) as Fixture;
    if (fitsFixture(kept, fixture)) {
      adoptFixtureTexts(fixture, kept);
      return fixture;
    }
  }
  const checked = checkOne(file, bytes.toString('utf8'));
  if ('pointer' in checked) return checked;
  const texts = fixtureTexts(checked);
  verified.add(digest, texts);
  adoptFixtureTexts(checked, texts);
  return checked;
}

/**
 * Loads and checks every fixture file under `root` (strict JSON, schema, id,
 * one line per raw step, unique names and ids). All problems are collected so
 * that one run names every bad file; nothing is returned when any file is bad.
 * With `verified` (verified-fixtures.ts), files that passed before are not checked again;
 * names and ids are compared across files on every load.
 */
export function loadFixtures(root: string, verified?: VerifiedFixtures): FixtureLoad {
  const problems: FixtureFileProblem[] = [];
  const fixtures: LoadedFixture[] = [];
  const byName = new Map<string, string>();
  const byId = new Map<string, string>();
  for (const path of fixtureFiles(root)) {
    const file = relative(process.cwd(), path) || path;
    const checked = readOne(path, file, verified);
    if ('pointer' in checked) {
      problems.push(checked);
      continue;
    }
    const sameName = byName.get(checked.name);
    if (sameName !== undefined) {
      problems.push({ file, pointer: '/name', reason: `name ${checked.name} is already used by ${sameName}` });
      continue;
    }
    const sameId = byId.get(checked.id);
    if (sameId !== undefined) {
      problems.push({ file, pointer: '/id', reason: `same config and steps as ${sameId}` });
      continue;
    }
    byName.set(checked.name, file);
    byId.set(checked.id, file);
    fixtures.push({ file, fixture: checked });
  }
  verified?.save();
  return problems.length > 0 ? { ok: false, problems } : { ok: true, fixtures };
}
