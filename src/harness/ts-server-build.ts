/**
 * The TS server the harness runs is the CLI's `kernel` command bundled to plain JavaScript
 * (tsup, as the package build does, split into chunks so that `kernel` loads only what it imports,
 * not the whole CLI), not the sources through tsx: a session then starts in about
 * a fifth of the wall time (0.17 s against 0.85 s unsplit, measured here), and the parity job starts one
 * per session. The bundle is cached under node_modules/.cache, keyed by a hash of everything it
 * is built from, and rebuilt when that changes, so a stale bundle is never diffed as current.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { sourceTreeHash } from './source-tree-hash.js';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export const TS_SERVER_DIR = 'node_modules/.cache/lockstep-ts-server';
export const TS_SERVER_BUNDLE = `${TS_SERVER_DIR}/main.js`;
const STAMP = 'source.sha256';

/** Folders and files the bundle is built from (scripts/: the checkout-only commands' chunks import it). */
const SOURCES = ['src', 'scripts', 'generated/ts', 'package.json'];

/** sha256 over the sources' paths and bytes. */
export function tsServerSourceHash(repoRoot: string): string {
  return sourceTreeHash(repoRoot, SOURCES);
}

/**
 * Builds the bundle when it is missing or stale; a problem sentence when it cannot. Built in a
 * fresh folder and renamed into place, so that two runs preparing at once never see half a file.
 */
export function ensureTsServer(repoRoot: string): string | undefined {
  const dir = join(repoRoot, TS_SERVER_DIR);
  const hash = tsServerSourceHash(repoRoot);
  try {
    if (readFileSync(join(dir, STAMP), 'utf8') === hash && existsSync(join(repoRoot, TS_SERVER_BUNDLE))) return undefined;
  } catch {
    // No stamp yet: build.
  }
  const building = `${dir}.${process.pid}.tmp`;
  try {
    const tsup = join(dirname(createRequire(import.meta.url).resolve('tsup/package.json')), 'dist/cli-default.js');
    execFileSync(process.execPath, [tsup, 'src/cli/main.ts', '--format', 'esm', '--target', 'node20', '--out-dir', building, '--no-config', '--silent', '--splitting'], {
      cwd: repoRoot,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    writeFileSync(join(building, STAMP), hash);
    mkdirSync(dirname(dir), { recursive: true });
    rmSync(dir, { recursive: true, force: true });
    renameSync(building, dir);
  } catch (error) {
    rmSync(building, { recursive: true, force: true });
    const stderr = String((error as { stderr?: unknown }).stderr ?? '').trim().slice(-600);
    // Another run may have put an up-to-date bundle in place meanwhile.
    if (existsSync(join(repoRoot, TS_SERVER_BUNDLE)) && readFileSync(join(dir, STAMP), 'utf8') === hash) return undefined;
    return `the TS server could not be bundled (${TS_SERVER_BUNDLE}): ${(error as Error).message.split('\n')[0]}${stderr ? `\n${stderr}` : ''}`;
  }
  return undefined;
}
