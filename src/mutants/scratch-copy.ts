/**
 * A scratch copy of the repository for one shard of mutants: the kernel sources copied (they
 * are mutated one mutant at a time and restored), everything else linked. One copy per
 * kernel and shard, reused across its mutants so that cargo builds incrementally.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KernelName, Mutant } from './mutant.js';
import { applyMutant } from './mutant.js';

export interface ScratchCopy {
  readonly root: string;
  /** Writes the mutant into the copy; returns a function that restores the file. */
  plant(m: Mutant): () => void;
}

/** What each kernel's copy holds as real files (mutated) and as links (read only). */
const layout: Record<KernelName, { copied: readonly string[]; linked: readonly string[] }> = {
  ts: { copied: ['src'], linked: ['generated', 'node_modules', 'package.json', 'tsconfig.json', 'fixtures', 'schemas'] },
  rust: { copied: ['rust-kernel'], linked: ['generated'] },
};

export function makeScratchCopy(repoRoot: string, dir: string, kernel: KernelName): ScratchCopy {
  mkdirSync(dir, { recursive: true });
  const { copied, linked } = layout[kernel];
  for (const name of copied) {
    rmSync(join(dir, name), { recursive: true, force: true });
    cpSync(join(repoRoot, name), join(dir, name), { recursive: true, filter: (src) => !src.includes(`${name}/target`) });
  }
  for (const name of linked) {
    if (!existsSync(join(dir, name)) && existsSync(join(repoRoot, name))) symlinkSync(join(repoRoot, name), join(dir, name));
  }
  return {
    root: dir,
    plant(m: Mutant): () => void {
      const path = join(dir, m.file);
      const original = readFileSync(path, 'utf8');
      writeFileSync(path, applyMutant(original, m));
      return () => writeFileSync(path, original);
    },
  };
}
