// The no-crash property through the real TypeScript server process, beside the Rust one: a
// bounded budget here (the long run is `pnpm soak:protocol`, see README).
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, RUST_KERNEL_BIN } from '../../src/harness/rust-kernel-build.js';
import { soakProtocol, type ServerCommand } from '../../src/fuzz/protocol-soak.js';
import { hostileSession, seededRng } from '../../src/fuzz/hostile-session.js';

const TS_SERVER: ServerCommand = { name: 'typescript', command: process.execPath, args: ['--import', 'tsx', 'src/cli/main.ts', 'kernel'], cwd: REPO_ROOT };
const RUST_SERVER: ServerCommand = { name: 'rust', command: RUST_KERNEL_BIN, args: [] };

/** A stand-in server written inline: `body` handles each line (`l`) and may write or exit. */
function fakeServer(name: string, body: string): ServerCommand {
  const script = `require('node:readline').createInterface({ input: process.stdin }).on('line', (l) => { ${body} });`;
  return { name, command: process.execPath, args: ['-e', script] };
}

describe('protocol soak', () => {
  it('hostile sessions never knock either server over, and both answer alike', async () => {
    const report = await soakProtocol({ seed: 20260601, sessions: 150, sessionsPerProcess: 150, timeBudgetMs: 60_000, reference: TS_SERVER, other: RUST_SERVER });
    expect(report.failures).toEqual([]);
    expect(report.sessions).toBe(150);
    expect(report.lines).toBeGreaterThan(1000);
  });

  it('sessions are seeded: the same seed gives the same bytes', () => {
    const a = hostileSession(seededRng(5), 0);
    const b = hostileSession(seededRng(5), 0);
    expect(Buffer.concat(a).equals(Buffer.concat(b))).toBe(true);
    for (const line of a) expect(line.includes(0x0a)).toBe(false);
  });

  it('finds a server that dies mid-session: its exit code and the first line left unanswered (planted)', async () => {
    const dies = fakeServer('dies', `globalThis.n = (globalThis.n || 0) + 1; if (globalThis.n > 4) process.exit(1); process.stdout.write('{"op":"bye","seq":0,"step":0}\\n');`);
    const report = await soakProtocol({ seed: 1, sessions: 2, sessionsPerProcess: 2, timeBudgetMs: 60_000, reference: dies });
    expect(report.failures.some((f) => f.includes('dies exited with 1'))).toBe(true);
    expect(report.failures.filter((f) => f.includes('no answer to line 5 ('))).toHaveLength(1);
  });

  it('finds answers that are not canonical JSON, and answers that differ (planted)', async () => {
    const loose = fakeServer('loose', `process.stdout.write('{"step":0, "op":"bye","seq":0}\\n');`);
    const report = await soakProtocol({ seed: 1, sessions: 1, sessionsPerProcess: 1, timeBudgetMs: 60_000, reference: RUST_SERVER, other: loose });
    expect(report.failures.some((f) => f.includes('loose: answer to line 1 is not canonical JSON'))).toBe(true);
    expect(report.failures.some((f) => f.includes('line 1 answered differently'))).toBe(true);
  });
});
