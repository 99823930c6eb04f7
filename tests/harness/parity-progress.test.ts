import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/cli.js';
import { parityProgressLine, PROGRESS_REDRAW_MS, showsProgress } from '../../src/harness/parity-progress.js';

/** A stream that says it is a terminal (or not) and keeps what was written. */
function stream(isTTY: boolean): { stream: PassThrough; text: () => string } {
  const out = Object.assign(new PassThrough(), { isTTY });
  let text = '';
  out.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  return { stream: out, text: () => text };
}

async function parity(args: string[], terminals: { stdout: boolean; stderr: boolean }, env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = stream(terminals.stdout);
  const stderr = stream(terminals.stderr);
  const withoutCi = { ...process.env, ...env };
  if (env['CI'] === undefined) delete withoutCi['CI'];
  const code = await runCli(['parity', '--impl', 'ts-in-process', '--fixture', 'exit/*', '--report', '/tmp/lockstep-progress-test.jsonl', ...args], {
    stdin: Readable.from(['']),
    stdout: stdout.stream,
    stderr: stderr.stream,
    env: withoutCi,
    cwd: process.cwd(),
  });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

describe('the parity progress line', () => {
  it('is drawn on a terminal, rewritten in place and cleared before the report', async () => {
    const run = await parity([], { stdout: true, stderr: true });
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^\rparity: ts-in-process \d+\/\d+/);
    expect(run.stderr.endsWith('\r')).toBe(true);
    expect(run.stdout).toMatch(/parity: ok/);
    expect(run.stdout).not.toContain('\r');
  });

  it('is not drawn when stdout is not a terminal, with --quiet, with a machine format or in CI', async () => {
    for (const [args, terminals, env] of [
      [[], { stdout: false, stderr: true }, {}],
      [['--quiet'], { stdout: true, stderr: true }, {}],
      [['--format', 'jsonl'], { stdout: true, stderr: true }, {}],
      [[], { stdout: true, stderr: false }, {}],
      [[], { stdout: true, stderr: true }, { CI: 'true' }],
    ] as const) {
      const run = await parity([...args], terminals, env);
      expect(run.code, JSON.stringify(args)).toBe(0);
      expect(run.stderr, `${JSON.stringify(args)} ${JSON.stringify(terminals)} ${JSON.stringify(env)}`).toBe('');
    }
    expect(showsProgress({ stdoutIsTty: true, stderrIsTty: true, quiet: false, textFormat: true, ci: false })).toBe(true);
  });

  it('redraws at most every PROGRESS_REDRAW_MS, but always draws the finished state', () => {
    let clock = 0;
    const writes: string[] = [];
    const line = parityProgressLine((text) => writes.push(text), () => clock);
    line.update({ implementation: 'rust', done: 1, total: 3 });
    clock += 1;
    line.update({ implementation: 'rust', done: 2, total: 3 });
    expect(writes).toEqual(['\rparity: rust 1/3']);
    clock += PROGRESS_REDRAW_MS;
    line.update({ implementation: 'rust', done: 2, total: 3 });
    line.update({ implementation: 'rust', done: 3, total: 3 });
    expect(writes.slice(1)).toEqual(['\rparity: rust 2/3', '\rparity: rust 3/3']);
    line.end();
    expect(writes.at(-1)).toBe(`\r${' '.repeat('parity: rust 3/3'.length)}\r`);
  });
});
