import { resolve } from 'node:path';
import { baselineFromLine } from './baseline-response.js';
import { referenceImplementation } from './builtin-implementations.js';
import { loadFixtures } from './fixture-file.js';
import { fixtureRootProblem, selectFixtures } from './fixture-selection.js';
import { UsageError } from '../cli/command.js';
import { PACKAGE_ROOT } from '../package-root.js';
import type { FixtureRun, PlannedFixture } from './fixture-run.js';
import { renderValue } from './first-difference.js';
import { runInProcessImplementation } from './in-process-driver.js';
import { RUST_BINARY, ensureRustKernel } from './implementation.js';
import { runProcessImplementation } from './process-driver.js';
import { compareResponse, type ResponseDifference } from './response-compare.js';
import { openingAnswerCount, placeFixture, rawStepBytes } from './session-frame.js';
import { describeRaw, describeRequest, describeResponse } from './timeline-format.js';
import { createReferenceSession } from './reference-session.js';
import { canonicalize } from '../canonical/index.js';

export const SHOW_USAGE = `usage: lockstep show <fixture-id|name> [--impl "<command>" | --rust] [--fixtures <dir>] [--timeout-ms <n>]`;

/** Width of one column when two implementations are printed side by side. */
const COLUMN_WIDTH = 72;

interface Column {
  readonly name: string;
  /** Answers: configure's first (standard opening), then one per step. */
  readonly responses: readonly (string | undefined)[];
  readonly note: string | undefined;
}

function wrap(line: string, width: number): string[] {
  const out: string[] = [];
  for (let at = 0; at < line.length || out.length === 0; at += width) out.push(line.slice(at, at + width));
  return out;
}

/** Pairs the i-th line of each side, each wrapped inside its column, so that rows stay aligned. */
function sideBySide(left: string[], right: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < Math.max(left.length, right.length); i += 1) {
    const l = wrap(left[i] ?? '', COLUMN_WIDTH);
    const r = wrap(right[i] ?? '', COLUMN_WIDTH);
    for (let row = 0; row < Math.max(l.length, r.length); row += 1) out.push(`    ${(l[row] ?? '').padEnd(COLUMN_WIDTH)} | ${r[row] ?? ''}`);
  }
  return out;
}

function columnFromRun(name: string, run: FixtureRun | undefined): Column {
  if (!run) return { name, responses: [], note: 'did not run' };
  const note = run.status === 'errored' ? `${run.kind}: ${run.message}` : undefined;
  return { name, responses: run.responses, note };
}

/** The reference's answers; the golden ones when the reference cannot run here. */
function referenceColumn(planned: PlannedFixture): Column {
  try {
    createReferenceSession();
  } catch (error) {
    const golden = planned.loaded.fixture.expected.map((value) => canonicalize(value));
    const openingAnswers = Array.from({ length: openingAnswerCount(planned.placement) }, () => undefined);
    return { name: 'golden', responses: [...openingAnswers, ...golden], note: `reference engine unavailable (${(error as Error).message}); showing golden answers` };
  }
  const run = runInProcessImplementation(referenceImplementation.name, createReferenceSession, [planned]);
  return columnFromRun(referenceImplementation.name, run.fixtures[0]);
}

function differenceAt(planned: PlannedFixture, step: number, left: string | undefined, right: string | undefined): ResponseDifference | undefined {
  if (left === undefined || right === undefined) return left === right ? undefined : { pointer: '', expected: left, actual: right };
  const shiftsSeq = step < 0 || planned.loaded.fixture.steps[step]?.kind === 'request';
  return compareResponse(baselineFromLine(left), right, { seqOffset: 0, lineBase: 0 }, shiftsSeq);
}

/** The timeline of one fixture, with a second implementation beside it where the two differ. */
export function renderTimeline(planned: PlannedFixture, left: Column, right: Column | undefined): { text: string; differing: number } {
  const fixture = planned.loaded.fixture;
  const out: string[] = [
    `${fixture.name}  ${fixture.id}`,
    `  ${fixture.description}`,
    `  file ${planned.loaded.file}; rules ${fixture.rules.join(', ') || '-'}; tags ${fixture.tags.join(', ') || '-'}`,
    `  config: slot_count=${fixture.config.slot_count} mode=${fixture.config.control.mode} seed_capital=${fixture.config.seed_capital}`,
    right ? `  columns: ${left.name} | ${right.name}` : `  answers: ${left.name}`,
  ];
  for (const column of [left, right]) if (column?.note) out.push(`  ${column.name}: ${column.note}`);
  let differing = 0;
  const opening = openingAnswerCount(planned.placement);
  for (let step = 0; step < planned.placement.sentStepCount; step += 1) {
    const written = fixture.steps[step]!;
    const request = written.kind === 'raw' ? describeRaw(rawStepBytes(written), written.note) : describeRequest(written.request as Record<string, any>);
    const mine = left.responses[step + opening];
    const theirs = right?.responses[step + opening];
    const difference = right ? differenceAt(planned, step, mine, theirs) : undefined;
    out.push('', `${difference ? '!!' : '  '}#${step} ${request}`);
    if (!difference) {
      out.push(...describeResponse(mine).map((line) => `    ${line}`));
      continue;
    }
    differing += 1;
    out.push(`    differs at ${difference.pointer || '(whole response)'}: ${renderValue(difference.expected)} vs ${renderValue(difference.actual)}`);
    const title = (name: string): string => (name.length > COLUMN_WIDTH ? `...${name.slice(-(COLUMN_WIDTH - 3))}` : name);
    out.push(...sideBySide([title(left.name), ...describeResponse(mine)], [title(right!.name), ...describeResponse(theirs)]));
  }
  if (right) out.push('', differing === 0 ? `${left.name} and ${right.name} agree on every step` : `${differing} step(s) differ`);
  return { text: out.join('\n'), differing };
}

/** `lockstep show`: arguments in, text and exit status out. */
export async function showCommand(argv: readonly string[], cwd: string): Promise<{ exitCode: number; text: string }> {
  let selector: string | undefined;
  let command: string | undefined;
  let fixturesRoot = 'fixtures';
  let timeoutMs = 10_000;
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index]!;
    if (arg === '--rust') command = RUST_BINARY;
    else if (arg === '--impl' || arg === '--fixtures' || arg === '--timeout-ms') {
      const value = argv[(index += 1)];
      if (value === undefined) throw new UsageError(`${arg} needs a value`);
      if (arg === '--impl') command = value;
      else if (arg === '--fixtures') fixturesRoot = value;
      else {
        timeoutMs = Number(value);
        if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) throw new UsageError(`--timeout-ms must be a positive integer, got ${value}`);
      }
    } else if (!arg.startsWith('-') && selector === undefined) selector = arg;
    else throw new UsageError(`unexpected argument ${arg}`);
  }
  if (selector === undefined) throw new UsageError('name a fixture (its name or id)');
  const root = resolve(cwd, fixturesRoot);
  const rootProblem = fixtureRootProblem(root, fixturesRoot);
  if (rootProblem !== undefined) throw new UsageError(`${rootProblem}; name one with --fixtures <dir>`);
  const loaded = loadFixtures(root);
  if (!loaded.ok) return { exitCode: 1, text: loaded.problems.map((p) => `${p.file} at ${p.pointer || '(root)'}: ${p.reason}`).join('\n') };
  const { selected, unmatched } = selectFixtures(loaded.fixtures, { fixtures: [selector], tags: [] });
  if (unmatched.length > 0) throw new UsageError(`${unmatched.join('; ')} under ${fixturesRoot}`);
  if (selected.length > 1) throw new UsageError(`${selector} matches ${selected.length} fixtures; show takes one (${selected.slice(0, 3).map((f) => f.fixture.name).join(', ')}, ...)`);
  const planned: PlannedFixture = { loaded: selected[0]!, placement: placeFixture(selected[0]!.fixture) };
  const left = referenceColumn(planned);
  let right: Column | undefined;
  if (command !== undefined) {
    // The builtin kernel lives in the package's own folder; any other command runs where the user is.
    const builtin = command === RUST_BINARY;
    if (builtin) {
      const problem = ensureRustKernel(PACKAGE_ROOT);
      if (problem) return { exitCode: 1, text: `show: ${problem}` };
    }
    const run = await runProcessImplementation(command, command, [planned], { timeoutMs, cwd: builtin ? PACKAGE_ROOT : cwd });
    right = columnFromRun(command === RUST_BINARY ? 'rust' : command, run.fixtures[0]);
    if (run.problems.length > 0) right = { ...right, note: [right.note, ...run.problems].filter(Boolean).join('; ') };
  }
  const { text, differing } = renderTimeline(planned, left, right);
  return { exitCode: differing > 0 ? 1 : 0, text };
}

/** `lockstep show` as a CLI subcommand: prints the timeline, returns the exit status. */
