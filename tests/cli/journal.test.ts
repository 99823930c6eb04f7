// `lockstep journal` as a command: exit codes 0 / 1 / 2, usage errors on stderr without a
// trace, a bad export range named, and the export's proofs checking against its tree head.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/cli.js';
import { checksumBytes } from '../../src/journal/checksum.js';
import { verifyInclusion } from '../../src/journal/inclusion-proof.js';
import { leafHash } from '../../src/journal/merkle-tree.js';

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c) => (out += String(c)));
  stderr.on('data', (c) => (err += String(c)));
  const code = await runCli(['journal', ...args], { stdin: new PassThrough(), stdout, stderr, env: {}, cwd: process.cwd() });
  return { code, out, err };
}

const golden = 'fixtures/journals/corpus-entry.journal';

describe('lockstep journal', () => {
  it('verify: 0 for a sealed journal, 1 for a damaged vector, naming record, byte and reason', async () => {
    expect((await run('verify', golden)).code).toBe(0);
    const bad = await run('verify', 'fixtures/journals/vectors/damaged-deleted-line.journal');
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(/damaged at record 3 \(byte \d+\): bad_index/);
  });

  it('usage mistakes exit 2 on stderr without a stack trace', async () => {
    for (const args of [['bogus'], ['verify'], ['verify', '--nope', golden], ['compare', golden], ['export', golden, '--from', 'x']]) {
      const r = await run(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).not.toMatch(/\n\s+at /);
    }
  });

  it('export: every proof checks against the tree head; a range with no tree head yet is named', async () => {
    const r = await run('export', golden, '--from', '2', '--to', '6');
    expect(r.code).toBe(0);
    const bundle = JSON.parse(r.out) as { tree_size: number; tree_root: string; records: { index: number; line: string; leaf_index: number; proof: string[] }[] };
    expect(bundle.records.map((x) => x.index)).toEqual([2, 3, 4, 5, 6]);
    for (const rec of bundle.records) {
      const leaf = leafHash(checksumBytes((JSON.parse(rec.line) as { checksum: string }).checksum));
      const proof = rec.proof.map((h) => Buffer.from(h, 'hex'));
      expect(verifyInclusion(leaf, rec.leaf_index, bundle.tree_size, proof, checksumBytes(bundle.tree_root))).toBe(true);
    }
    const far = await run('export', golden, '--from', '1', '--to', '100000');
    expect(far.code).toBe(1);
    expect(far.err).toMatch(/no checkpoint or seal covers record 100000/);
  });
});
