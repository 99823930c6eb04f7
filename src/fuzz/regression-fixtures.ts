/**
 * Regression fixtures: every shrunk failure is written to `fixtures/regressions/<name>.json`
 * in the fixture format, its golden `expected` filled by the reference engine, and its
 * `origin` naming the generator, the seed and what diverged. Later fuzz runs (and
 * `pnpm parity`) run these first, forever.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Fixture, ProtocolResponse } from '../../generated/ts/types.js';
import { cutText, parseJson } from '../canonical/index.js';
import { validate } from '../contracts/index.js';
import { fixtureId } from '../harness/fixture-id.js';
import { REFERENCE_NAME } from '../harness/implementation.js';
import { runInProcessImplementation } from '../harness/in-process-driver.js';
import { createReferenceSession } from '../harness/reference-session.js';
import { placeFixture } from '../harness/session-frame.js';
import type { Scenario } from './scenario.js';
import { scenarioFixture } from './scenario-fixture.js';
import { MESSAGE_CHARS_MAX } from '../../generated/ts/protocol-edge.js';

export const FUZZ_GENERATOR = 'lockstep src/fuzz scenario generators (fast-check 4.10.2)';

/** The reference engine's answers to a fixture's steps (configure's answer dropped). */
export function referenceAnswers(fixture: Fixture): ProtocolResponse[] {
  const run = runInProcessImplementation(REFERENCE_NAME, createReferenceSession, [{ loaded: { file: '<regression>', fixture }, placement: placeFixture(fixture) }]);
  const only = run.fixtures[0]!;
  if (only.status !== 'answered') throw new Error(`the reference engine could not answer regression ${fixture.name}: ${only.message}`);
  return only.responses.slice(1).map((line) => JSON.parse(line) as ProtocolResponse);
}

export interface RegressionInput {
  readonly scenario: Scenario;
  readonly seed: number;
  readonly found: string;
}

export function regressionName(level: string, seed: number): string {
  return `fuzz-${level}-${seed}`;
}

/**
 * Builds the fixture (golden answers from the reference engine), validates it, and writes it;
 * returns the path. A fixture whose golden answers break the schema is written all the same
 * under `<name>.invalid.json` (the reference engine answering outside its own contract is the
 * bug found, and the evidence must survive a generator change), then reported as an error.
 */
export function writeRegression(dir: string, r: RegressionInput): { path: string; fixture: Fixture } {
  const name = regressionName(r.scenario.level, r.seed);
  const origin = { generator: FUZZ_GENERATOR, seed: r.seed, found: cutText(r.found, MESSAGE_CHARS_MAX) };
  const draft = scenarioFixture(r.scenario, {
    name,
    description: cutText(`Shrunk ${r.scenario.level} fuzz scenario: ${r.found}`, MESSAGE_CHARS_MAX),
    origin,
    tags: ['fuzz', 'regression', r.scenario.level],
  });
  const fixture = { ...draft, expected: referenceAnswers(draft) };
  const checked = validate('Fixture', fixture);
  if (!checked.ok) {
    const e = checked.errors[0]!;
    mkdirSync(dir, { recursive: true });
    const evidence = join(dir, `${name}.invalid.json`);
    writeFileSync(evidence, `${JSON.stringify(fixture, null, 2)}\n`);
    throw new Error(`regression fixture ${name} is not a valid fixture at ${e.path}: ${e.message}; kept as ${evidence}`);
  }
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.json`);
  writeFileSync(path, `${JSON.stringify(fixture, null, 2)}\n`);
  return { path, fixture };
}

/** Loads every regression fixture of `dir` (sorted by file name), refusing a bad one by file and pointer. */
export function loadRegressions(dir: string): { file: string; fixture: Fixture }[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.json')).sort();
  } catch {
    return [];
  }
  return names.map((n) => {
    const file = join(dir, n);
    const value = parseJson(readFileSync(file, 'utf8'));
    const checked = validate('Fixture', value);
    if (!checked.ok) throw new Error(`${file}: not a fixture at ${checked.errors[0]!.path}: ${checked.errors[0]!.message}`);
    const fixture = value as Fixture;
    if (fixture.id !== fixtureId(fixture)) throw new Error(`${file}: /id is not the sha256 of canonical {config, steps}`);
    return { file, fixture };
  });
}
