// Which fixtures a run takes: by name or id, by glob over `<topic>/<name>` or the name
// (`--fixture 'exit/*'`), by tag (`--tag clamp`). A selector that matches nothing is refused with
// the closest names, so a typo never turns into a green run over nothing.
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, relative, sep } from 'node:path';
import { FIXTURE_FOLDERS, fixtureFiles, type LoadedFixture } from './fixture-file.js';

export interface FixtureSelection {
  /** Names, ids or globs (`*`, `?`); a fixture matching any one is taken. */
  readonly fixtures: readonly string[];
  /** Tags; a fixture carrying any one is taken. */
  readonly tags: readonly string[];
}

export const EVERY_FIXTURE: FixtureSelection = { fixtures: [], tags: [] };

/** Why the fixture root cannot be run, or undefined when it holds fixture files. */
export function fixtureRootProblem(root: string, shown: string): string | undefined {
  if (!existsSync(root)) return `fixtures folder ${shown} does not exist`;
  if (!statSync(root).isDirectory()) return `fixtures folder ${shown} is not a folder`;
  if (fixtureFiles(root).length === 0) return `fixtures folder ${shown} holds no fixture (*.json under ${FIXTURE_FOLDERS.join('/, ')}/)`;
  return undefined;
}

const isGlob = (selector: string) => /[*?]/.test(selector);

function globPattern(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]');
  return new RegExp(`^${body}$`);
}

/** `<topic>/<name>` of a fixture file (`exit/exit-leg-clamped-to-open-size`). */
export function topicPath(loaded: LoadedFixture): string {
  const topic = basename(dirname(loaded.file));
  return `${topic}/${loaded.fixture.name}`;
}

function matches(selector: string, loaded: LoadedFixture): boolean {
  const { fixture } = loaded;
  if (!isGlob(selector)) return fixture.name === selector || fixture.id === selector || topicPath(loaded) === selector;
  const pattern = globPattern(selector);
  return pattern.test(fixture.name) || pattern.test(topicPath(loaded));
}

/** Edit distance, for "did you mean". */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** Up to `count` candidates closest to `wanted`, closest first; substring matches count as close. */
export function closest(wanted: string, candidates: readonly string[], count = 3): string[] {
  const score = (c: string) => (c.includes(wanted) || wanted.includes(c) ? 0 : editDistance(wanted, c));
  return [...new Set(candidates)].map((c) => ({ c, d: score(c) })).sort((x, y) => x.d - y.d || x.c.localeCompare(y.c)).slice(0, count).map((x) => x.c);
}

function noMatch(kind: 'fixture' | 'tag', selector: string, candidates: readonly string[]): string {
  const what = kind === 'tag' ? `no fixture is tagged ${selector}` : isGlob(selector) ? `no fixture matches ${selector}` : `no fixture named ${selector}`;
  return `${what} (closest: ${closest(selector.replace(/[*?]/g, ''), candidates).join(', ')})`;
}

/** The fixtures selected, in run order, or every selector that matched nothing (each with suggestions). */
export function selectFixtures(
  fixtures: readonly LoadedFixture[],
  selection: FixtureSelection,
): { readonly selected: LoadedFixture[]; readonly unmatched: string[] } {
  if (selection.fixtures.length === 0 && selection.tags.length === 0) return { selected: [...fixtures], unmatched: [] };
  const unmatched: string[] = [];
  const names = fixtures.map((f) => f.fixture.name);
  for (const s of selection.fixtures) if (!fixtures.some((f) => matches(s, f))) unmatched.push(noMatch('fixture', s, names));
  const tags = fixtures.flatMap((f) => f.fixture.tags);
  for (const t of selection.tags) if (!tags.includes(t)) unmatched.push(noMatch('tag', t, tags));
  const selected = fixtures.filter((f) => selection.fixtures.some((s) => matches(s, f)) || selection.tags.some((t) => f.fixture.tags.includes(t)));
  return { selected, unmatched };
}

/** A path as the user sees it: relative to the working folder when inside it. */
export function shownPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel === '' ? '.' : rel.startsWith(`..${sep}`) || rel === '..' ? path : rel;
}
