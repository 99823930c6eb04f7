// `lockstep kernel --listen`: each connection is a fresh session answered exactly as on stdio,
// sessions at the same time do not see each other, and the server lives as long as its stdin.
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/cli.js';
import { answerLine, listen, Session } from '../../src/protocol/index.js';
import { CONFIG } from './kernel-process.js';
import pkg from '../../package.json' with { type: 'json' };

const IMPL = { name: 'lockstep', version: 'test', language: 'typescript' };
const socketPath = (): string => join(mkdtempSync(join(tmpdir(), 'lockstep-listen-')), 'k.sock');

/** Sends `text` on a new connection, half-closes, and resolves with all the server wrote. */
function converse(path: string, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ path, allowHalfOpen: true });
    let out = '';
    socket.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    socket.on('end', () => {
      socket.destroy();
      resolve(out);
    });
    socket.on('error', reject);
    socket.end(text);
  });
}

/** The answers a fresh in-process session gives: what stdio would answer. */
function expected(lines: readonly string[], implementation = IMPL): string {
  const session = new Session(implementation);
  let out = '';
  lines.forEach((line, i) => {
    if (!session.ended) out += answerLine(session, line, i + 1);
  });
  return out;
}

const hello = (seq: number) => JSON.stringify({ op: 'hello', seq, protocol_version: '1.0' });
const SESSION_A = [hello(0), JSON.stringify({ op: 'configure', seq: 1, config: CONFIG }), JSON.stringify({ op: 'snapshot', seq: 2 }), 'not json', '{"op":"snapshot","seq":3,"__proto__":1}'];
const SESSION_B = [JSON.stringify({ op: 'snapshot', seq: 0 }), hello(1), JSON.stringify({ op: 'bye', seq: 2 }), JSON.stringify({ op: 'snapshot', seq: 3 })];

describe('listen: one process, many sessions', () => {
  it('answers each connection as a fresh session on stdio would, many at the same time', async () => {
    const path = socketPath();
    const server = await listen(path, () => new Session(IMPL));
    try {
      const texts = [SESSION_A, SESSION_B, SESSION_A, SESSION_B].map((lines) => `${lines.join('\n')}\n`);
      const answers = await Promise.all(texts.map((text) => converse(path, text)));
      expect(answers).toEqual([expected(SESSION_A), expected(SESSION_B), expected(SESSION_A), expected(SESSION_B)]);
      // bye ends its session: the line after it is not answered.
      expect(answers[1]!.trim().split('\n')).toHaveLength(3);
    } finally {
      await server.close();
    }
    expect(existsSync(path)).toBe(false);
  });

  it('answers a last line without a newline, and a session with no line at all', async () => {
    const path = socketPath();
    const server = await listen(path, () => new Session(IMPL));
    try {
      expect(await converse(path, hello(0))).toBe(expected([hello(0)]));
      expect(await converse(path, '')).toBe('');
    } finally {
      await server.close();
    }
  });

  it('refuses a path that exists, naming it', async () => {
    const path = socketPath();
    writeFileSync(path, '');
    await expect(listen(path, () => new Session(IMPL))).rejects.toThrow(`${path} already exists`);
  });
});

describe('lockstep kernel --listen', () => {
  function context(stdin: PassThrough) {
    let out = '';
    let err = '';
    const sink = (add: (s: string) => void) => new Writable({ write: (chunk, _e, done) => (add(String(chunk)), done()) });
    return { ctx: { stdin, stdout: sink((s) => (out += s)), stderr: sink((s) => (err += s)), env: {}, cwd: process.cwd() }, out: () => out, err: () => err };
  }

  it('says where it listens, serves until stdin closes, exits 0 and removes the socket', async () => {
    const path = socketPath();
    const stdin = new PassThrough();
    const c = context(stdin);
    const exit = runCli(['kernel', '--listen', path], c.ctx);
    while (!c.out().includes('\n')) await new Promise((r) => setTimeout(r, 10));
    expect(c.out()).toBe(`listening ${path}\n`);
    expect(await converse(path, `${SESSION_A.join('\n')}\n`)).toBe(expected(SESSION_A, { ...IMPL, version: pkg.version }));
    stdin.end();
    expect(await exit).toBe(0);
    expect(existsSync(path)).toBe(false);
  });

  it('exits 1 naming the path when it cannot listen, and refuses a journal beside --listen (usage, exit 2)', async () => {
    const path = socketPath();
    writeFileSync(path, '');
    const c = context(new PassThrough());
    expect(await runCli(['kernel', '--listen', path], c.ctx)).toBe(1);
    expect(c.err()).toContain(`${path} already exists`);
    const d = context(new PassThrough());
    expect(await runCli(['kernel', '--listen', socketPath(), '--journal', 'x.journal'], d.ctx)).toBe(2);
    expect(d.err()).toContain('--listen takes no other option');
    const e = context(new PassThrough());
    expect(await runCli(['kernel', '--listen'], e.ctx)).toBe(2);
    expect(e.err()).toContain('--listen needs a socket path');
  });
});
