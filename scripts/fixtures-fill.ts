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
//   pnpm fixtures:fill --target <impl>      the kernel that must reproduce new goldens (default rust)
//   pnpm fixtures:fill --accept "<reason>"  write goldens the target does not reproduce, recording
//                                           each in fixtures/known-divergences.json with the reason
//
// A golden is written only when the target kernel reproduces it (fill-guard.ts): refilling from
// a buggy reference must not turn its bug into the expected answer.
import { writeFileSync } from 'node:fs';
import { validate } from '../src/contracts/index.js';
import { implementationFromArgument } from '../src/harness/builtin-implementations.js';
import { RUST_NAME } from '../src/harness/implementation.js';
import { formatCase } from '../src/harness/parity-report.js';
import { placeFixture } from '../src/harness/session-frame.js';
import { KNOWN_DIVERGENCES_PATH, readAccepted, writeAccepted } from './fixtures/golden-acceptance.js';
import { guardFill, type GuardDecision, type PendingGolden } from './fixtures/fill-guard.js';
import type { Fixture } from '../generated/ts/types.js';
import { fixtureId, formatFixture, goldenDirs, listFixtureFiles } from './fixtures/fixture-file.js';
import { formatChange, goldenChanges } from './fixtures/golden-diff.js';
import { referenceAnswers } from './fixtures/reference-run.js';

interface Options {
  check: boolean;
  names: string[];
  dirs: string[];
  maxLines: number;
  target: string;
  accept: string | undefined;
  known: string;
}

function parseOptions(argv: readonly string[]): Options {
  const options: Options = { check: false, names: [], dirs: [], maxLines: 12, target: RUST_NAME, accept: undefined, known: KNOWN_DIVERGENCES_PATH };
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
    else if (arg === '--target') options.target = value();
    else if (arg === '--known') options.known = value();
    else if (arg === '--accept') {
      options.accept = value().trim();
      if (options.accept === '') throw new Error('fixtures:fill: --accept needs a reason');
    }
    else throw new Error(`fixtures:fill: unknown argument ${arg}`);
  }
  return options;
}

interface Outcome extends PendingGolden {
  name: string;
  idChanged: boolean;
  lines: string[];
}

/** Prints what the guard refused or accepted; returns the outcomes that may be written. */
function reportGuard(changed: readonly Outcome[], decision: GuardDecision, options: Options, problems: string[]): Outcome[] {
  for (const problem of decision.problems) problems.push(`${options.target} could not check the new goldens, nothing written: ${problem}`);
  for (const miss of decision.refused) {
    const planned = { loaded: miss.loaded, placement: placeFixture(miss.loaded.fixture) };
    const shown = formatCase({ implementation: options.target, fixture: planned, status: 'diverged', verdict: miss.verdict, steps: 0 });
    problems.push(`not written: ${options.target} does not reproduce the new golden of ${miss.loaded.fixture.name}; fix the kernel that is wrong, or accept with --accept "<reason>"\n${shown}`);
  }
  for (const entry of decision.accepting) console.log(`accepted ${entry.fixture}: ${entry.implementation} does not reproduce it (${entry.reason})`);
  const writable = new Set(decision.write.map((p) => p.path));
  return changed.filter((c) => writable.has(c.path));
}

async function main(argv: readonly string[]): Promise<number> {
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
    changed.push({ path: file.path, filled, text, name: filled.name, idChanged: filled.id !== old.id, lines });
  }
  let written = changed;
  if (!options.check && changed.length > 0) {
    const accepted = readAccepted(options.known);
    if (typeof accepted === 'string') throw new Error(`fixtures:fill: ${accepted}`);
    const target = implementationFromArgument(options.target);
    const decision = await guardFill(changed, { target, accept: options.accept, accepted, repoRoot: process.cwd(), timeoutMs: 20_000 });
    written = reportGuard(changed, decision, options, problems);
    for (const outcome of written) writeFileSync(outcome.path, outcome.text);
    if (decision.accepting.length > 0) writeAccepted(options.known, accepted, decision.accepting);
  }
  for (const outcome of written) {
    const id = outcome.idChanged ? ' (id recomputed)' : '';
    console.log(`${options.check ? 'stale' : 'filled'} ${outcome.path}${id}`);
    for (const line of outcome.lines) console.log(`  ${line}`);
    if (outcome.lines.length === 0) console.log('  layout only');
  }
  for (const problem of problems) console.error(`problem: ${problem}`);
  if (wanted.size > 0 && considered < wanted.size) console.error('problem: some --fixture names matched no file');
  const verb = options.check ? 'stale' : 'rewritten';
  console.log(`fixtures:fill: ${considered} fixtures, ${written.length} ${verb}, ${problems.length} problems`);
  if (problems.length > 0 || (wanted.size > 0 && considered < wanted.size)) return 1;
  return options.check && changed.length > 0 ? 1 : 0;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 2;
}
