// Both kernels write the same journal for the same session: the TS reference (in process, and
// the `lockstep kernel --journal` server) and `lockstep-kernel --journal`, byte for byte after
// the header (which names the writer). Sessions whose error messages are worded differently
// by the two kernels (listed in fixtures/journals/accepted.json) are left out.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RUST_BINARY, TS_SERVER_SOURCE_COMMAND } from '../../src/harness/implementation.js';
import { goldenSessions } from '../../src/journal/golden-journals.js';
import { readAccepted } from '../../src/journal/replay-gate.js';
import { recordSessions } from '../../src/journal/record-sessions.js';
import { scanJournal } from '../../src/journal/journal-scan.js';
import { validate } from '../../src/contracts/validate.js';

const dir = mkdtempSync(join(tmpdir(), 'journal-kernels-'));
const accepted = new Set(readAccepted('fixtures/journals/accepted.json').map((e) => e.journal.replace(/\.journal$/, '')));
const sessions = goldenSessions(process.cwd());

function chained(path: string): string {
  const text = readFileSync(path, 'utf8');
  return text.slice(text.indexOf('\n') + 1);
}

function serve(command: string, args: readonly string[], lines: readonly Buffer[], journal: string): void {
  rmSync(journal, { force: true });
  const input = Buffer.concat(lines.flatMap((l) => [l, Buffer.from('\n')]));
  const run = spawnSync(command, [...args, '--journal', journal, '--checkpoint-interval', '8'], { input, shell: false, maxBuffer: 1 << 28 });
  expect(run.status, run.stderr?.toString()).toBe(0);
}

describe('journals written by both kernels', () => {
  const topics = [...sessions.keys()].filter((name) => !accepted.has(name));

  it('the topics compared cover most of the corpus and the long realistic session', () => {
    expect(topics.length).toBeGreaterThanOrEqual(12);
    expect(topics.some((t) => t.startsWith('realistic-'))).toBe(true);
  });

  for (const topic of topics) {
    it(`${topic}: every session, TS and Rust, byte-identical after the header`, () => {
      (sessions.get(topic) ?? []).forEach((lines, i) => {
        const ts = join(dir, `${topic}-${i}-ts.journal`);
        const rust = join(dir, `${topic}-${i}-rust.journal`);
        recordSessions(ts, [lines], { checkpointInterval: 8 });
        serve(RUST_BINARY, [], lines, rust);
        expect(chained(rust), `${topic} session ${i}`).toBe(chained(ts));
        expect(scanJournal(rust).decision.case).toBe('sealed');
      });
    });
  }

  it('the TS server (lockstep kernel --journal) writes what the in-process recorder writes', () => {
    const lines = sessions.get('corpus-entry')![0]!;
    const server = join(dir, 'server.journal');
    const inProcess = join(dir, 'in-process.journal');
    const [node, ...rest] = TS_SERVER_SOURCE_COMMAND.split(' ');
    serve(node === 'node' ? process.execPath : node!, rest, lines, server);
    recordSessions(inProcess, [lines], { checkpointInterval: 8, buildId: 'lockstep@0.1.0+dev' });
    expect(readFileSync(server, 'utf8')).toBe(readFileSync(inProcess, 'utf8'));
  });

  it('every record of every golden journal is a valid JournalRecord', () => {
    for (const name of ['corpus-entry', 'corpus-protocol', 'sessions-protocol']) {
      for (const line of readFileSync(`fixtures/journals/${name}.journal`, 'utf8').trimEnd().split('\n')) {
        const checked = validate('JournalRecord', JSON.parse(line));
        expect(checked.ok, `${name}: ${line.slice(0, 120)}`).toBe(true);
      }
    }
  });
});
