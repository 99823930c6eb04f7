// A run that resumes names the run before it, identically in both kernels: reopening a clean or
// torn journal writes a recovered record naming the new run's build and its parent run (the
// build that wrote the chain head, and that head); a new journal continuing a sealed one
// (`--continues`) names it in its header. TS and Rust write the same bytes for the same file.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RUST_BINARY, TS_SERVER_SOURCE_COMMAND } from '../../src/harness/implementation.js';
import { faultVectors } from '../../src/journal/fault-vectors.js';
import { scanJournal } from '../../src/journal/journal-scan.js';
import { openForAppend } from '../../src/journal/open-for-append.js';
import { journalOptions } from '../../src/journal/kernel-journal.js';
import { parentRunOf } from '../../src/journal/parent-run.js';
import { showJournal } from '../../src/journal/journal-show.js';

const dir = mkdtempSync(join(tmpdir(), 'journal-parent-'));
const SESSION = '{"op":"hello","seq":0,"protocol_version":"1.0"}\n{"op":"bye","seq":1}\n';
const WRITER = { implementation: { name: 'test', version: '1', language: 'typescript' }, buildId: 'resumer-1' } as const;

function vector(name: string): string {
  const path = join(dir, `${name}-${Math.random().toString(36).slice(2)}.journal`);
  writeFileSync(path, faultVectors().find((v) => v.name === name)!.bytes);
  return path;
}

type Kernel = 'ts' | 'rust';
function serve(kernel: Kernel, args: readonly string[], buildId = 'build-b'): { status: number | null; stderr: string } {
  const [node, ...rest] = TS_SERVER_SOURCE_COMMAND.split(' ');
  const [command, base] = kernel === 'rust' ? [RUST_BINARY, []] : [node === 'node' ? process.execPath : node!, rest];
  const run = spawnSync(command, [...base, ...args], { input: SESSION, env: { ...process.env, LOCKSTEP_BUILD_ID: buildId } });
  return { status: run.status, stderr: run.stderr.toString() };
}

function records(path: string): Record<string, unknown>[] {
  return readFileSync(path, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
}

function headerOf(path: string): { run: { build_id: string } } {
  return JSON.parse(readFileSync(path, 'utf8').split('\n')[0]!) as { run: { build_id: string } };
}

describe('a resumed run names its parent run', () => {
  for (const name of ['clean', 'torn-zero-filled-4096']) {
    it(`${name}: the recovered record names the new build and the head it continues, TS and Rust byte for byte`, () => {
      const original = vector(name);
      const before = scanJournal(original);
      const header = headerOf(original);
      // Same file name in two directories: the side file a torn tail goes to is named after it.
      const [ts, rust] = ['ts', 'rust'].map((k) => join(mkdtempSync(join(dir, `${k}-`)), 'run.journal')) as [string, string];
      copyFileSync(original, ts);
      copyFileSync(original, rust);
      expect(serve('ts', ['--journal', ts]).status).toBe(0);
      expect(serve('rust', ['--journal', rust]).status).toBe(0);
      expect(readFileSync(rust, 'utf8')).toBe(readFileSync(ts, 'utf8'));
      const recovered = records(ts)[before.decision.records + 1]!;
      expect(recovered).toMatchObject({
        kind: 'recovered',
        run: { build_id: 'build-b', parent_run: { build_id: header.run.build_id, checksum: before.decision.head, index: before.decision.records } },
        torn_bytes: before.decision.torn_bytes,
      });
      expect(scanJournal(ts).decision.case).toBe('sealed');
    });
  }

  it('a second resume names the first resume as its parent, not the header', () => {
    const path = vector('clean');
    openForAppend(path, WRITER).close();
    const head = scanJournal(path).decision;
    openForAppend(path, { ...WRITER, buildId: 'resumer-2' }).close();
    const last = records(path).at(-1)!;
    expect(last).toMatchObject({ run: { build_id: 'resumer-2', parent_run: { build_id: 'resumer-1', checksum: head.head, index: head.records } } });
    expect(showJournal(path).at(-1)).toBe(`#${head.records + 1}  [recovered] run resumer-2, continues resumer-1 at #${head.records}, 0 torn bytes cut`);
  });

  it('the parent is the head as opened, even when a checkpoint falls due before the recovered record', () => {
    // The vectors use K = 4: reopen at a head of index 3 so the checkpoint at 4 comes first.
    const path = vector('clean');
    let d = scanJournal(path).decision;
    const w = openForAppend(path, WRITER);
    while (w.nextIndex % 4 !== 0) w.appendStep('{"op":"bye","seq":0}', '{"op":"bye","seq":0,"step":0}');
    w.close();
    d = scanJournal(path).decision;
    openForAppend(path, { ...WRITER, buildId: 'resumer-2' }).close();
    const tail = records(path).slice(-2);
    expect(tail[0]!['kind']).toBe('checkpoint');
    expect(tail[1]).toMatchObject({ kind: 'recovered', run: { parent_run: { build_id: 'resumer-1', checksum: d.head, index: d.records } } });
  });
});

describe('a new journal continuing a sealed one (--continues)', () => {
  it('the header names the sealed journal run and seal; TS and Rust agree on it and on the chain', () => {
    const sealed = vector('sealed');
    const end = scanJournal(sealed).decision;
    const header = headerOf(sealed);
    const out: Record<Kernel, string> = { ts: join(dir, 'continued-ts.journal'), rust: join(dir, 'continued-rust.journal') };
    for (const kernel of ['ts', 'rust'] as const) {
      expect(serve(kernel, ['--journal', out[kernel], '--continues', sealed]).status).toBe(0);
      const head = records(out[kernel])[0] as { run: { parent_run?: unknown } };
      expect(head.run.parent_run).toEqual({ build_id: header.run.build_id, checksum: end.head, index: end.records });
      expect(scanJournal(out[kernel]).decision.case).toBe('sealed');
    }
    const chained = (p: string): string => readFileSync(p, 'utf8').split('\n').slice(1).join('\n');
    expect(chained(out.rust)).toBe(chained(out.ts));
    expect(parentRunOf(sealed)).toEqual({ ok: true, parent: { build_id: header.run.build_id, checksum: end.head, index: end.records } });
  });

  it('a damaged or torn journal cannot be continued, nor can a journal that already holds records', () => {
    for (const kernel of ['ts', 'rust'] as const) {
      const damaged = serve(kernel, ['--journal', join(dir, `new-${kernel}.journal`), '--continues', vector('damaged-deleted-line')]);
      expect(damaged.status).toBe(1);
      expect(damaged.stderr).toMatch(/damaged at record 3 .*only a sealed or clean journal can be continued/);
      const torn = serve(kernel, ['--journal', join(dir, `new2-${kernel}.journal`), '--continues', vector('torn-partial-last-line')]);
      expect(torn.stderr).toMatch(/torn tail/);
      const busy = serve(kernel, ['--journal', vector('clean'), '--continues', vector('sealed')]);
      expect(busy.status).toBe(1);
      expect(busy.stderr).toMatch(/already holds records/);
    }
  });

  it('--continues without --journal is a usage error, in both kernels', () => {
    expect(() => journalOptions(['--continues', 'old.journal'], (m) => new Error(m))).toThrow(/--continues need --journal/);
    const rust = serve('rust', ['--continues', 'old.journal']);
    expect(rust.status).toBe(2);
    expect(rust.stderr).toMatch(/--continues need --journal/);
  });
});
