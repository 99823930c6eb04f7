// The replay regression gate: every golden journal replays through both kernels with only the
// accepted differences; a planted behaviour change fails naming the record and the JSON path;
// accepting it passes; an accepted entry that covers nothing fails (the ratchet).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { referenceImplementation, rustImplementation } from '../../src/harness/builtin-implementations.js';
import { createReferenceSession } from '../../src/harness/reference-session.js';
import type { Implementation } from '../../src/harness/implementation.js';
import { GOLDEN_DIR } from '../../src/journal/golden-journals.js';
import { recordSessions } from '../../src/journal/record-sessions.js';
import { ACCEPTED_FILE, runReplayGate } from '../../src/journal/replay-gate.js';

/** The reference with one behaviour change: bye reports one step more. */
const mutant: Implementation = {
  name: 'mutant',
  kind: 'in-process',
  createSession: () => {
    const inner = createReferenceSession();
    return { answer: (line) => inner.answer(line).map((a) => a.replace(/"op":"bye","seq":(\d+),"step":0/, '"op":"bye","seq":$1,"step":1')) };
  },
};

function tinyGoldens(): string {
  const dir = mkdtempSync(join(tmpdir(), 'journal-gate-'));
  const hello = Buffer.from('{"op":"hello","seq":0,"protocol_version":"1.0"}');
  recordSessions(join(dir, 'tiny.journal'), [[hello, Buffer.from('{"op":"bye","seq":1}')]]);
  return dir;
}

function accept(dir: string, entries: readonly object[]): void {
  writeFileSync(join(dir, ACCEPTED_FILE), JSON.stringify({ accepted: entries }));
}

describe('replay regression gate', () => {
  it('every golden journal replays through ts-in-process and rust with only accepted differences', () => {
    const r = runReplayGate(GOLDEN_DIR, [referenceImplementation, rustImplementation], process.cwd());
    expect(r.failures).toEqual([]);
    expect(r.replays).toBeGreaterThanOrEqual(36);
    expect(r.steps).toBeGreaterThan(5000);
  });

  it('a behaviour change fails, naming the journal, the record and the JSON path', () => {
    const dir = tinyGoldens();
    expect(runReplayGate(dir, [referenceImplementation], process.cwd()).failures).toEqual([]);
    const r = runReplayGate(dir, [mutant], process.cwd());
    expect(r.failures).toEqual(['tiny.journal record 2 (mutant) differs at /step: recorded 0, replayed 1']);
  });

  it('an accepted range with a reason lets the change through', () => {
    const dir = tinyGoldens();
    accept(dir, [{ journal: 'tiny.journal', from: 2, to: 2, implementation: 'mutant', pointer: '/step', reason: 'bye counts itself' }]);
    const r = runReplayGate(dir, [mutant], process.cwd());
    expect(r.failures).toEqual([]);
    expect(r.accepted).toBe(1);
  });

  it('an accepted entry that no longer differs fails (the ratchet)', () => {
    const dir = tinyGoldens();
    accept(dir, [{ journal: 'tiny.journal', from: 2, to: 2, reason: 'bye counts itself' }]);
    const r = runReplayGate(dir, [referenceImplementation], process.cwd());
    expect(r.failures).toEqual(['accepted entry tiny.journal records 2..2 no longer differs: remove it (bye counts itself)']);
  });

  it('a malformed accepted entry is an error naming its position', () => {
    const dir = tinyGoldens();
    accept(dir, [{ journal: 'tiny.journal', from: 3, to: 2, reason: 'x' }]);
    expect(() => runReplayGate(dir, [referenceImplementation], process.cwd())).toThrow(/\/accepted\/0 needs journal, from <= to/);
  });
});
