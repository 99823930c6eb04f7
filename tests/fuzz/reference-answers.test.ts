/**
 * The fuzz loop's reference pass (`src/fuzz/reference-answers.ts`) must answer exactly as the
 * ts-in-process implementation parity trusts (`runInProcessImplementation` with
 * `createReferenceSession`): the same canonical lines for generated scenarios of every level,
 * for raw lines (broken bytes, embedded newlines, CR endings) and for a request over the line
 * length bound, and each response object handed out must be the parsed text of its line.
 */
import { describe, expect, it } from 'vitest';
import type { Fixture, FixtureStep } from '../../generated/ts/types.js';
import { generateScenario, scenarioSeed } from '../../src/fuzz/fuzz-run.js';
import { answerReference } from '../../src/fuzz/reference-answers.js';
import { scenarioFixture } from '../../src/fuzz/scenario-fixture.js';
import type { Scenario } from '../../src/fuzz/scenario.js';
import { runInProcessImplementation } from '../../src/harness/in-process-driver.js';
import { createReferenceSession } from '../../src/harness/reference-session.js';
import { placeFixture } from '../../src/harness/session-frame.js';
import { LINE_BYTES_MAX } from '../../src/protocol/index.js';

const plan = (f: Fixture) => ({ loaded: { file: f.name, fixture: f }, placement: placeFixture(f) });

function bothWays(fixture: Fixture) {
  const p = plan(fixture);
  const objects: unknown[] = [];
  const fast = answerReference(p, {
    answer: (index, _step, response) => {
      objects[index] = JSON.parse(JSON.stringify(response));
    },
  });
  const trusted = runInProcessImplementation('ts-in-process', createReferenceSession, [p]);
  return { fast, trusted: trusted.fixtures[0]!, greeting: trusted.hello, objects };
}

const raw = (text: string | Buffer, note: string): FixtureStep => ({ kind: 'raw', base64: Buffer.from(text).toString('base64'), note });

describe('reference answers', () => {
  it('answers generated scenarios of every level line for line as the in-process implementation', () => {
    for (const level of ['realistic', 'adversarial', 'invalid'] as const) {
      for (let k = 0; k < 12; k++) {
        const s = generateScenario(level, scenarioSeed(901, k, { index: 0, count: 1 }), { maxCommands: 30 });
        const { fast, trusted, greeting, objects } = bothWays(scenarioFixture(s, { name: `${level}-${k}` }));
        expect(fast.run.responses).toEqual(trusted.responses);
        expect(fast.greeting).toBe(greeting);
        // Every answer's object is what its text says (canonical JSON drops nothing the checks read).
        expect(objects).toEqual(fast.run.responses.map((l) => JSON.parse(l)));
      }
    }
  });

  it('sends raw bytes and over-long requests through the line reader, as the line session does', () => {
    const base = generateScenario('realistic', 5, { minCommands: 4, maxCommands: 4 });
    const huge = { kind: 'request', request: { op: 'reconcile', seq: 90, reconcile_id: 'x'.repeat(LINE_BYTES_MAX), ts: 1, slots: [] } } as unknown as FixtureStep;
    const steps: FixtureStep[] = [
      ...base.steps,
      raw('{"op":"snapshot","seq":80}\r', 'CR ending'),
      raw('not json\n{"op":"snapshot"', 'two lines in one'),
      raw(Buffer.from([0x7b, 0xff, 0x7d]), 'not UTF-8'),
      raw('', 'empty'),
      huge,
    ];
    const s: Scenario = { ...base, steps };
    const { fast, trusted } = bothWays(scenarioFixture(s, { name: 'raw' }));
    expect(fast.run.responses).toEqual(trusted.responses);
    expect(fast.run.responses.at(-1)).toContain('LINE_TOO_LONG');
    expect(fast.run.responses.length).toBe(trusted.responses.length);
  });
});
