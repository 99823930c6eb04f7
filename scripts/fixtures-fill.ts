// `pnpm fixtures:fill`: runs every fixture through the TypeScript reference engine (the
// in-process protocol session; never the implementation under test), recomputes its id,
// fills `expected`, rewrites only the files whose bytes change, and prints what changed:
// fixture, step, JSON pointer, old -> new.
//
//   pnpm fixtures:fill                      fill fixtures/corpus and fixtures/sessions
//   pnpm fixtures:fill --check              write nothing; exit 1 when any golden is stale
//   pnpm fixtures:fill --fixture <name>     only the named fixture(s) (repeatable)
//   pnpm fixtures:fill --dir <path>         other folders (repeatable), e.g. fixtures/regressions
//   pnpm fixtures:fill --max-lines <n>      changes printed per fixture (default 12)
import { writeFileSync } from 'node:fs';
import { validate } from '../src/contracts/index.js';
import type { Fixture } from '../generated/ts/types.js';
import { fixtureId, formatFixture, goldenDirs, listFixtureFiles } from './fixtures/fixture-file.js';
import { formatChange, goldenChanges } from './fixtures/golden-diff.js';
import { referenceAnswers } from './fixtures/reference-run.js';

interface Options {
  check: boolean;
  names: string[];
  dirs: string[];
  maxLines: number;
}

function parseOptions(argv: readonly string[]): Options {
  const options: Options = { check: false, names: [], dirs: [], maxLines: 12 };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    const value = (): string => {
      const next = argv[i + 1];
      if (next === undefined) throw new Error(`fixtures:fill: ${arg} needs a value`);
      i += 1;
      return next;
    };
    if (arg === '--check') options.check = true;
    else if (arg === '--fixture') options.names.push(value());
    else if (arg === '--dir') options.dirs.push(value());
    else if (arg === '--max-lines') options.maxLines = Number.parseInt(value(), 10);
    else throw new Error(`fixtures:fill: unknown argument ${arg}`);
  }
  return options;
}

interface Outcome {
  path: string;
  name: string;
  idChanged: boolean;
  lines: string[];
}

function main(argv: readonly string[]): number {
  const options = parseOptions(argv);
  const files = listFixtureFiles(process.cwd(), options.dirs.length > 0 ? options.dirs : goldenDirs);
  const wanted = new Set(options.names);
  const changed: Outcome[] = [];
  const problems: string[] = [];
  let considered = 0;
  for (const file of files) {
    // The id and goldens are about to be replaced: validate the rest as a fixture.
    const draft = { ...(file.value as Fixture), id: `sha256:${'0'.repeat(64)}`, expected: [] };
    if (wanted.size > 0 && !wanted.has(draft.name)) continue;
    considered += 1;
    const checked = validate('Fixture', draft);
    if (!checked.ok) {
      const first = checked.errors[0]!;
      problems.push(`${file.path}: ${first.path || '/'}: ${first.keyword}: ${first.message}`);
      continue;
    }
    const old = file.value as Fixture;
    let answers: unknown[];
    try {
      answers = referenceAnswers(draft);
    } catch (error) {
      problems.push(`${file.path}: the reference engine failed: ${(error as Error).stack ?? String(error)}`);
      continue;
    }
    const filled: Fixture = { ...old, id: fixtureId(draft), expected: answers as Fixture['expected'] };
    const valid = validate('Fixture', filled);
    if (!valid.ok) {
      const first = valid.errors[0]!;
      problems.push(`${file.path}: the filled fixture is not valid at ${first.path}: ${first.message}`);
      continue;
    }
    const text = formatFixture(filled);
    if (text === file.text) continue;
    const diff = goldenChanges(Array.isArray(old.expected) ? old.expected : [], answers);
    const lines = diff.slice(0, options.maxLines).map(formatChange);
    if (diff.length > options.maxLines) lines.push(`... ${diff.length - options.maxLines} more`);
    changed.push({ path: file.path, name: filled.name, idChanged: filled.id !== old.id, lines });
    if (!options.check) writeFileSync(file.path, text);
  }
  for (const outcome of changed) {
    const id = outcome.idChanged ? ' (id recomputed)' : '';
    console.log(`${options.check ? 'stale' : 'filled'} ${outcome.path}${id}`);
    for (const line of outcome.lines) console.log(`  ${line}`);
    if (outcome.lines.length === 0) console.log('  layout only');
  }
  for (const problem of problems) console.error(`problem: ${problem}`);
  if (wanted.size > 0 && considered < wanted.size) console.error('problem: some --fixture names matched no file');
  const verb = options.check ? 'stale' : 'rewritten';
  console.log(`fixtures:fill: ${considered} fixtures, ${changed.length} ${verb}, ${problems.length} problems`);
  if (problems.length > 0 || (wanted.size > 0 && considered < wanted.size)) return 1;
  return options.check && changed.length > 0 ? 1 : 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 2;
}
