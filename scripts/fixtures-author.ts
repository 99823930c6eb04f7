// `pnpm fixtures:author`: writes the authored fixtures of scripts/fixtures/catalogue.ts into
// fixtures/corpus/<topic>/<name>.json. It writes what the fixture says (description, tags,
// rules, config, steps) and the id; it keeps the goldens already in the file when the
// fixture's input did not change, and leaves `expected` empty otherwise, for
// `pnpm fixtures:fill` to fill. Files are rewritten only when their bytes change.
//
// Options: --check (exit 1 when a file would change, writing nothing).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Fixture } from '../generated/ts/types.js';
import { catalogue } from './fixtures/catalogue.js';
import { fixtureId, fixturePath, formatFixture, listFixtureFiles } from './fixtures/fixture-file.js';
import { invalidNotePrefix } from './fixtures/script.js';
import { author, type AuthoredFixture } from './fixtures/spec.js';
import { ProtocolRequest } from '../generated/ts/validators.js';

const fixtureVersion = 'lockstep.fixture.v1';

/**
 * Request steps must be valid requests (the fixture format says so), and a step the story
 * marked invalid must really be invalid, or it would test nothing.
 */
function checkSteps(fixture: AuthoredFixture): string[] {
  const problems: string[] = [];
  fixture.steps.forEach((step, index) => {
    if (step.kind === 'request') {
      if (!ProtocolRequest(step.request)) {
        const first = ProtocolRequest.errors?.[0];
        problems.push(`${fixture.name} step ${index}: not a valid request (${first?.instancePath} ${first?.keyword}); mark it with .invalid(note)`);
      }
    } else if (step.note?.startsWith(invalidNotePrefix) === true) {
      const text = Buffer.from(step.base64, 'base64').toString('utf8');
      if (ProtocolRequest(JSON.parse(text))) problems.push(`${fixture.name} step ${index}: marked invalid but is a valid request`);
    }
  });
  return problems;
}

function main(argv: readonly string[]): number {
  const check = argv.includes('--check');
  const root = process.cwd();
  const names = new Map<string, string>();
  let written = 0;
  let unchanged = 0;
  const stale: string[] = [];
  for (const spec of catalogue) {
    const authored = author(spec);
    const path = fixturePath(authored.topic, authored.name, authored.session === 'standard');
    const clash = names.get(authored.name);
    if (clash !== undefined) throw new Error(`fixture name ${authored.name} is used twice (${clash} and ${path})`);
    names.set(authored.name, path);
    const stepProblems = checkSteps(authored);
    if (stepProblems.length > 0) throw new Error(stepProblems.join('\n'));

    const id = fixtureId({ config: authored.config, steps: authored.steps });
    const previous = existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Partial<Fixture>) : undefined;
    const expected = previous?.id === id && Array.isArray(previous.expected) ? previous.expected : [];
    const fixture: Fixture = {
      fixture_version: fixtureVersion,
      id,
      name: authored.name,
      description: authored.description,
      tags: authored.tags,
      rules: authored.rules,
      config: authored.config,
      steps: authored.steps,
      expected,
    };
    const text = formatFixture(fixture);
    if (previous !== undefined && readFileSync(path, 'utf8') === text) {
      unchanged += 1;
      continue;
    }
    stale.push(path);
    if (!check) {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text);
      written += 1;
    }
  }
  const orphans = listFixtureFiles(root)
    .map((f) => f.path)
    .filter((p) => ![...names.values()].includes(p));
  for (const path of stale) console.log(`${check ? 'stale' : 'wrote'} ${path}`);
  for (const path of orphans) console.log(`not authored here (kept): ${path}`);
  console.log(`fixtures:author: ${catalogue.length} authored, ${written} written, ${unchanged} unchanged, ${orphans.length} hand-kept`);
  if (check && stale.length > 0) {
    console.error(`fixtures:author --check: ${stale.length} file(s) differ from scripts/fixtures; run pnpm fixtures:author`);
    return 1;
  }
  return 0;
}

process.exitCode = main(process.argv.slice(2));
