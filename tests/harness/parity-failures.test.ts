import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { processImplementation } from '../../src/harness/implementation.js';
import { parityCommand } from '../../src/harness/parity-command.js';
import { runParity, type ParityOptions, type ParityResult } from '../../src/harness/parity-run.js';
import { canonicalize } from '../../src/canonical/index.js';
import {
  FAKE_KERNEL,
  HANG_KERNEL,
  fakeExpected,
  fakeFixture,
  makeFixture,
  raw,
  request,
  writeFixtureRoot,
} from './support/temp-fixtures.js';

const repoRoot = process.cwd();

function options(fixturesRoot: string, command: string, extra: Partial<ParityOptions> = {}): ParityOptions {
  return {
    fixturesRoot,
    repoRoot,
    implementations: [processImplementation(command)],
    selectors: [],
    timeoutMs: 5000,
    knownDivergences: [],
    ...extra,
  };
}

function ran(result: ParityResult): Extract<ParityResult, { kind: 'ran' }> {
  if (result.kind !== 'ran') throw new Error(`expected a run, got ${JSON.stringify(result)}`);
  return result;
}

function statuses(result: Extract<ParityResult, { kind: 'ran' }>): Record<string, string> {
  return Object.fromEntries(result.cases.map((c) => [c.fixture.loaded.fixture.name, c.status]));
}

describe('parity harness: sessions', () => {
  it('relocates fixtures into one long-lived session and reads seqs and lines back', async () => {
    const root = writeFixtureRoot([fakeFixture('a-one', 2), fakeFixture('b-two', 3), fakeFixture('c-three', 1)]);
    const result = ran(await runParity(options(root, FAKE_KERNEL)));
    expect(statuses(result)).toEqual({ 'a-one': 'passed', 'b-two': 'passed', 'c-three': 'passed' });
    expect(result.summaries[0]!.sessions).toBe(1);
    expect(result.summaries[0]!.steps).toBe(6);
    expect(result.failed).toBe(false);
  });

  it('gives a fixture whose raw line is a valid request a fresh session of its own', async () => {
    const steps = [request({ op: 'snapshot', seq: 2 }), raw('{"op":"snapshot","seq":3,"seq":4}')];
    const rawFixture = makeFixture('b-raw-request', steps, fakeExpected(steps));
    const root = writeFixtureRoot([fakeFixture('a-first'), rawFixture, fakeFixture('c-after')]);
    const result = ran(await runParity(options(root, FAKE_KERNEL)));
    expect(statuses(result)).toEqual({ 'a-first': 'passed', 'b-raw-request': 'passed', 'c-after': 'passed' });
    // a-first and c-after share one session; b-raw-request runs alone.
    expect(result.summaries[0]!.sessions).toBe(2);
  });
});

describe('parity harness: failures are reported, and the run goes on', () => {
  it('reports the first differing step, seq and JSON pointer with both values', async () => {
    const good = fakeFixture('a-good', 3);
    const steps = [request({ op: 'snapshot', seq: 2 }), request({ op: 'snapshot', seq: 7 })];
    const expected = fakeExpected(steps) as Array<{ error: { path: string } }>;
    expected[1]!.error.path = '/slots/0';
    const bad = makeFixture('b-bad', steps, expected);
    const result = ran(await runParity(options(writeFixtureRoot([good, bad]), FAKE_KERNEL)));
    const failing = result.cases.find((c) => c.status !== 'passed')!;
    expect(failing.fixture.loaded.fixture.name).toBe('b-bad');
    expect(failing.status).toBe('diverged');
    expect(failing.verdict).toMatchObject({ status: 'diverged', step: 1, seq: 7, difference: { pointer: '/error/path', expected: '/slots/0', actual: '' } });
    expect(result.failed).toBe(true);
  });

  it('reports a crash with the stderr tail, restarts, and runs the next fixture', async () => {
    // Lines: 1 hello, 2-4 a-one (configure + 2 steps), 5 = b-two's configure: the process dies there.
    const root = writeFixtureRoot([fakeFixture('a-one'), fakeFixture('b-two'), fakeFixture('c-three')]);
    const result = ran(await runParity(options(root, `${FAKE_KERNEL} --crash-after-lines 5`)));
    expect(statuses(result)).toEqual({ 'a-one': 'passed', 'b-two': 'errored', 'c-three': 'passed' });
    const crashed = result.cases.find((c) => c.status === 'errored')!;
    expect(crashed.verdict).toMatchObject({ status: 'errored', kind: 'crash', step: -1 });
    if (crashed.verdict.status !== 'errored') throw new Error('unreachable');
    expect(crashed.verdict.message).toContain('exited with code 3');
    expect(crashed.verdict.stderrTail).toContain('deliberate crash on line 5');
    expect(result.summaries[0]!.sessions).toBe(2);
    expect(result.failed).toBe(true);
  });

  it('reports an answer missing in mid-stream once, as "no answer to step k" at its step', async () => {
    // Lines: 1 hello, 2 configure, 3-6 the four steps of a-four; line 4 (step 1) gets no answer.
    const root = writeFixtureRoot([fakeFixture('a-four', 4)]);
    const result = ran(await runParity(options(root, `${FAKE_KERNEL} --skip-line 4`, { timeoutMs: 1500 })));
    const verdict = result.cases[0]!.verdict;
    expect(verdict).toMatchObject({ status: 'diverged', step: 1 });
    if (verdict.status !== 'diverged') throw new Error('unreachable');
    expect(verdict.difference.note).toBe('no answer to step 1');
    expect(result.failed).toBe(true);
  });

  it('fails an error answer that is not canonical JSON although its compared fields agree', async () => {
    const root = writeFixtureRoot([fakeFixture('a-one')]);
    const result = ran(await runParity(options(root, `${FAKE_KERNEL} --loose-errors`)));
    const verdict = result.cases[0]!.verdict;
    expect(verdict).toMatchObject({ status: 'diverged', step: 0 });
    if (verdict.status !== 'diverged') throw new Error('unreachable');
    expect(verdict.difference.note).toBe('not canonical JSON (RFC 8785)');
  });

  it('reports a hang mid-fixture within the timeout, kills the process and goes on', async () => {
    const root = writeFixtureRoot([fakeFixture('a-one'), fakeFixture('b-two'), fakeFixture('c-three')]);
    const timeoutMs = 1200;
    const started = Date.now();
    const result = ran(await runParity(options(root, `${FAKE_KERNEL} --hang-after-lines 6`, { timeoutMs })));
    const elapsed = Date.now() - started;
    expect(statuses(result)).toEqual({ 'a-one': 'passed', 'b-two': 'errored', 'c-three': 'passed' });
    expect(result.cases[1]!.verdict).toMatchObject({ status: 'errored', kind: 'hang', step: 0 });
    expect(elapsed).toBeLessThan(timeoutMs + 3000);
    expect(result.failed).toBe(true);
  });

  it('reports an implementation that never answers hello, within the timeout', async () => {
    const root = writeFixtureRoot([fakeFixture('a-one'), fakeFixture('b-two')]);
    const started = Date.now();
    const result = ran(await runParity(options(root, HANG_KERNEL, { timeoutMs: 800 })));
    expect(Date.now() - started).toBeLessThan(800 + 3000);
    expect(result.summaries[0]!.problems[0]).toContain('no answer to hello within 800 ms');
    expect(result.cases.map((c) => c.status)).toEqual(['errored', 'errored']);
    expect(result.failed).toBe(true);
  });

  it('fails a run whose process exits non-zero at end of input', async () => {
    const root = writeFixtureRoot([fakeFixture('a-one')]);
    const result = ran(await runParity(options(root, `${FAKE_KERNEL} --bad-exit`)));
    expect(result.cases[0]!.status).toBe('passed');
    expect(result.summaries[0]!.problems.join('\n')).toContain('exited with code 5 at end of input');
    expect(result.failed).toBe(true);
  });

  it('fails loudly when the command cannot start at all', async () => {
    const root = writeFixtureRoot([fakeFixture('a-one')]);
    const result = ran(await runParity(options(root, './no-such-kernel-binary', { timeoutMs: 2000 })));
    expect(result.summaries[0]!.problems[0]).toMatch(/handshake failed/);
    expect(result.failed).toBe(true);
  });
});

describe('parity harness: bad fixture files are refused before anything runs', () => {
  it('names the file, the JSON pointer and the reason', async () => {
    const good = fakeFixture('a-good');
    const wrongId = { ...fakeFixture('b-wrong-id'), id: `sha256:${'0'.repeat(64)}` };
    const noSteps = { ...fakeFixture('c-no-steps'), steps: [] };
    const root = writeFixtureRoot([good], {
      'corpus/b-wrong-id.json': canonicalize(wrongId),
      'corpus/c-no-steps.json': canonicalize(noSteps),
      'corpus/d-duplicate-key.json': '{"name":"x","name":"y"}',
    });
    const marker = join(tmpdir(), `lockstep-parity-ran-${process.pid}`);
    const result = await runParity(options(root, `node -e "require('fs').writeFileSync('${marker}','ran')"`));
    expect(result.kind).toBe('refused');
    if (result.kind !== 'refused') throw new Error('unreachable');
    const byFile = Object.fromEntries(result.problems.map((p) => [p.file.split('/').pop(), p]));
    expect(byFile['b-wrong-id.json']).toMatchObject({ pointer: '/id' });
    expect(byFile['c-no-steps.json']).toMatchObject({ pointer: '/steps' });
    expect(byFile['d-duplicate-key.json']!.pointer).toBe('');
    expect(byFile['d-duplicate-key.json']!.reason).toMatch(/not strict JSON/);
    expect(byFile['a-good.json']).toBeUndefined();
    expect(existsSync(marker)).toBe(false);
  });
});

describe('parity harness: known divergences ratchet', () => {
  const divergent = (() => {
    const steps = [request({ op: 'snapshot', seq: 2 })];
    const expected = fakeExpected(steps) as Array<{ error: { code: string } }>;
    expected[0]!.error.code = 'DUPLICATE_SEQ';
    return makeFixture('b-known-gap', steps, expected);
  })();

  it('accepts a listed divergence and fails on a listed case that passes', async () => {
    const root = writeFixtureRoot([fakeFixture('a-passing'), divergent]);
    const knownDivergences = [
      { implementation: FAKE_KERNEL, fixture: 'b-known-gap', reason: 'the fake has no seq checks' },
      { implementation: FAKE_KERNEL, fixture: 'a-passing', reason: 'was broken once' },
    ];
    const result = ran(await runParity(options(root, FAKE_KERNEL, { knownDivergences })));
    expect(statuses(result)).toEqual({ 'a-passing': 'ratchet', 'b-known-gap': 'known' });
    expect(result.failed).toBe(true);
    const accepted = ran(await runParity(options(root, FAKE_KERNEL, { knownDivergences: knownDivergences.slice(0, 1) })));
    expect(statuses(accepted)).toEqual({ 'a-passing': 'passed', 'b-known-gap': 'known' });
    expect(accepted.failed).toBe(false);
  });

  it('fails on an entry naming a fixture that is not in the corpus', async () => {
    const root = writeFixtureRoot([fakeFixture('a-passing')]);
    const knownDivergences = [{ implementation: FAKE_KERNEL, fixture: 'gone', reason: 'removed long ago' }];
    const result = ran(await runParity(options(root, FAKE_KERNEL, { knownDivergences })));
    expect(result.unusedKnown).toHaveLength(1);
    expect(result.failed).toBe(true);
  });
});

describe('pnpm parity command', () => {
  it('writes a JSON-lines report, prints a re-run command, and exits non-zero on a divergence', async () => {
    const steps = [request({ op: 'snapshot', seq: 2 })];
    const expected = fakeExpected(steps) as Array<{ error: { line: number } }>;
    expected[0]!.error.line = 4;
    const root = writeFixtureRoot([fakeFixture('a-good'), makeFixture('b-off-by-one', steps, expected)]);
    const report = join(root, 'report.jsonl');
    const output = await parityCommand(['--fixtures', root, '--impl', FAKE_KERNEL, '--report', report], repoRoot);
    expect(output.exitCode).toBe(1);
    expect(output.text).toContain(`pnpm parity --fixture b-off-by-one --impl '${FAKE_KERNEL}'`);
    expect(output.text).toContain('path /error/line');
    const lines = readFileSync(report, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatchObject({ type: 'fixture', fixture: 'b-off-by-one', status: 'diverged', step: 0, seq: 2, pointer: '/error/line', expected: '4', actual: '3' });
    expect(lines[2]).toMatchObject({ type: 'summary', failed: true });
  });

  it('refuses unknown options (a usage error) and a bad known-divergences file with exit status 2', async () => {
    await expect(parityCommand(['--frobnicate'], repoRoot)).rejects.toThrow(/unknown option --frobnicate/);
    const root = writeFixtureRoot([fakeFixture('a-good')], { 'known-divergences.json': '{"version":1,"divergences":[{"implementation":"rust"}]}' });
    const output = await parityCommand(['--fixtures', root, '--impl', FAKE_KERNEL], repoRoot);
    expect(output.exitCode).toBe(2);
    expect(output.text).toContain('/divergences/0/fixture');
  });
});

describe('parity harness: in process and missing implementations', () => {
  it('reports an exception of an in-process implementation as a crash of that fixture only', async () => {
    const root = writeFixtureRoot([fakeFixture('a-one'), fakeFixture('b-two')]);
    let sessions = 0;
    const throwing = {
      name: 'throwing',
      kind: 'in-process' as const,
      createSession: () => {
        sessions += 1;
        const broken = sessions === 2;
        let line = 0;
        return {
          answer: (bytes: Uint8Array): string[] => {
            line += 1;
            if (broken && line === 3) throw new Error('planted failure');
            const request = JSON.parse(Buffer.from(bytes).toString('utf8')) as { op: string; seq: number };
            if (request.op === 'hello' || request.op === 'configure') return [`{"op":"${request.op}","seq":${request.seq}}`];
            return [`{"error":{"category":"protocol","code":"NOT_CONFIGURED","line":${line},"message":"fake","path":""},"op":"error","seq":${request.seq}}`];
          },
        };
      },
    };
    const result = ran(await runParity({ ...options(root, FAKE_KERNEL), implementations: [throwing] }));
    expect(statuses(result)).toEqual({ 'a-one': 'passed', 'b-two': 'errored' });
    expect(result.cases[1]!.verdict).toMatchObject({ status: 'errored', kind: 'crash' });
    if (result.cases[1]!.verdict.status !== 'errored') throw new Error('unreachable');
    expect(result.cases[1]!.verdict.message).toContain('planted failure');
  });

  it('fails the run when an implementation cannot be prepared (never a skip)', async () => {
    const root = writeFixtureRoot([fakeFixture('a-one')]);
    const unbuildable = { name: 'unbuildable', kind: 'process' as const, command: 'true', prepare: () => 'the kernel could not be built: planted' };
    const result = ran(await runParity({ ...options(root, FAKE_KERNEL), implementations: [unbuildable] }));
    expect(result.summaries[0]).toMatchObject({ implementation: 'unbuildable', fixtures: 0, problems: ['the kernel could not be built: planted'] });
    expect(result.failed).toBe(true);
  });
});

describe('parity harness: a refused handshake', () => {
  it('fails the implementation when hello is answered with an error', async () => {
    const root = writeFixtureRoot([fakeFixture('a-one')]);
    const refusing = `node -e "process.stdin.once('data', () => { process.stdout.write('{\\"error\\":{\\"code\\":\\"UNSUPPORTED_PROTOCOL_VERSION\\"},\\"op\\":\\"error\\",\\"seq\\":0}\\\\n'); process.exit(0); })"`;
    const result = ran(await runParity(options(root, refusing)));
    expect(result.summaries[0]!.problems[0]).toContain('handshake failed: hello was answered with {"error"');
    expect(result.cases[0]!.status).toBe('errored');
    expect(result.failed).toBe(true);
  });
});
