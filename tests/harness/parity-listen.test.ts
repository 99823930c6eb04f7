// An implementation that can serve many sessions from one process (`listen`): the first session
// runs over stdio, the others on one listening process; what goes wrong there is still found.
import { describe, expect, it } from 'vitest';
import type { Implementation } from '../../src/harness/implementation.js';
import { runParity, type ParityResult } from '../../src/harness/parity-run.js';
import { FAKE_KERNEL, HANG_KERNEL, fakeExpected, fakeFixture, makeFixture, raw, request, writeFixtureRoot } from './support/temp-fixtures.js';

const repoRoot = process.cwd();

/** A fixture whose raw line is a valid request: it needs a session of its own. */
function freshSessionFixture(name: string, seq: number) {
  const steps = [request({ op: 'snapshot', seq }), raw(`{"op":"snapshot","seq":${seq + 1},"seq":${seq + 2}}`)];
  return makeFixture(name, steps, fakeExpected(steps));
}

const CORPUS = [fakeFixture('a-one'), fakeFixture('a-two', 3), freshSessionFixture('b-fresh', 10), freshSessionFixture('c-fresh', 20), freshSessionFixture('d-fresh', 30)];

function listening(flags: string, listenFlags = flags, listen = `${FAKE_KERNEL} ${listenFlags} --listen`.replace(/ +/g, ' ')): Implementation {
  return { name: 'fake', kind: 'process', command: `${FAKE_KERNEL} ${flags}`.trim(), listen };
}

async function run(implementation: Implementation, timeoutMs = 5000): Promise<Extract<ParityResult, { kind: 'ran' }>> {
  const fixturesRoot = writeFixtureRoot(CORPUS);
  const result = await runParity({ fixturesRoot, repoRoot, implementations: [implementation], selectors: [], timeoutMs, knownDivergences: [] });
  if (result.kind !== 'ran') throw new Error(`expected a run, got ${JSON.stringify(result)}`);
  return result;
}

function statuses(result: Extract<ParityResult, { kind: 'ran' }>): Record<string, string> {
  return Object.fromEntries(result.cases.map((c) => [c.fixture.loaded.fixture.name, c.status]));
}

describe('parity harness: sessions on a listening process', () => {
  it('runs the fresh sessions on one listening process: four sessions, two processes, all passed', async () => {
    const result = await run(listening(''));
    expect(statuses(result)).toEqual({ 'a-one': 'passed', 'a-two': 'passed', 'b-fresh': 'passed', 'c-fresh': 'passed', 'd-fresh': 'passed' });
    expect(result.summaries[0]!.sessions).toBe(4);
    expect(result.failed).toBe(false);
  });

  it('fails the run when the listening process crashes, naming its exit and stderr', async () => {
    // Line 3 of a fresh session is its raw line: the listening process exits 3 there.
    const result = await run(listening('', '--crash-after-lines 3'));
    expect(statuses(result)['a-one']).toBe('passed');
    expect(statuses(result)['b-fresh']).toBe('errored');
    // The sessions may see the crash before the process's exit is known: either way it is named.
    expect(result.summaries[0]!.problems.join('\n')).toMatch(/exited with code 3(, not 0 once its stdin closed| while serving sessions); stderr: fake-kernel: deliberate crash on line 3/);
    expect(result.failed).toBe(true);
  });

  it('reports a session that hangs, kills the listening process and serves the next session on a new one', async () => {
    const result = await run(listening('', '--hang-after-lines 3'), 1000);
    expect(statuses(result)).toEqual({ 'a-one': 'passed', 'a-two': 'passed', 'b-fresh': 'errored', 'c-fresh': 'errored', 'd-fresh': 'errored' });
    expect(result.cases.find((c) => c.fixture.loaded.fixture.name === 'c-fresh')!.verdict).toMatchObject({ status: 'errored', kind: 'hang' });
    // A hang is the fixture's failure, not a crash of the server: no process problem is added.
    expect(result.summaries[0]!.problems).toEqual([]);
    expect(result.failed).toBe(true);
  });

  it('fails the run when the listening process exits non-zero after its stdin closes', async () => {
    const result = await run(listening('', '--bad-exit'));
    expect(statuses(result)['d-fresh']).toBe('passed');
    expect(result.summaries[0]!.problems.join('\n')).toContain('exited with code 5, not 0 once its stdin closed');
    expect(result.failed).toBe(true);
  });

  it('fails the fresh sessions, loudly, when the listen command never says it listens', async () => {
    const result = await run(listening('', '', HANG_KERNEL), 800);
    expect(statuses(result)['a-one']).toBe('passed');
    expect(statuses(result)['b-fresh']).toBe('errored');
    expect(result.summaries[0]!.problems.join('\n')).toMatch(/handshake failed: could not start: .*no 'listening' line within 800 ms \(killed\)/);
    expect(result.failed).toBe(true);
  });
});
