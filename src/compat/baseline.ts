// Where the baseline comes from: the last release (default), every release (transitive modes),
// a folder, a packed tarball, or any git ref (read with `git archive`, no checkout).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { contractSetFromTexts, ContractSetError, loadContractDir, type ContractSet } from './contract-set.js';
import { LOCK_FILE, loadRelease, readLock } from './release-lock.js';
import { readTar } from './tar.js';

function fromArchive(label: string, bytes: Buffer): ContractSet {
  const texts = new Map<string, string>();
  for (const [name, body] of readTar(bytes)) {
    const at = name.indexOf('schemas/');
    if (at < 0 || (at > 0 && name.slice(0, at).split('/').length > 2)) continue;
    texts.set(name.slice(at + 'schemas/'.length), body.toString('utf8'));
  }
  return contractSetFromTexts(label, texts);
}

function fromGit(root: string, ref: string): ContractSet {
  let bytes: Buffer;
  try {
    bytes = execFileSync('git', ['archive', '--format=tar', ref, 'schemas'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
  } catch (error) {
    const stderr = String((error as { stderr?: Buffer }).stderr ?? '').trim();
    throw new ContractSetError(`--against ${ref}: not a folder, tarball or git ref with schemas/ (${stderr.split('\n')[0] ?? 'git failed'})`);
  }
  return fromArchive(`git ${ref}`, bytes);
}

/** One explicit baseline: a folder, a `.tgz`/`.tar` file, or a git ref. */
export function loadBaseline(root: string, spec: string): ContractSet {
  const path = resolve(root, spec);
  if (existsSync(path) && statSync(path).isDirectory()) return loadContractDir(path, spec);
  if (existsSync(path) && /\.(tgz|tar|tar\.gz)$/.test(spec)) return fromArchive(spec, readFileSync(path));
  return fromGit(root, spec);
}

/** The released baselines, oldest first; the last one only unless `all`. */
export function releaseBaselines(root: string, all: boolean): ContractSet[] {
  const { releases } = readLock(root);
  if (releases.length === 0) throw new ContractSetError(`${LOCK_FILE}: no release recorded; pass --against <git ref|folder|tarball>`);
  return (all ? releases : releases.slice(-1)).map((entry) => loadRelease(root, entry));
}
