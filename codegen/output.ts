import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import type { GeneratedFile } from './emit/generated-file.js';
import { GENERATED_DIR } from './generate.js';

/** How the files on disk differ from what codegen generates. */
export interface Drift {
  /** Generated, present on disk, but with different content. */
  readonly stale: readonly string[];
  /** Generated but absent on disk. */
  readonly missing: readonly string[];
  /** On disk under `generated/` but not generated. */
  readonly extra: readonly string[];
}

function listFiles(rootDir: string, dir: string): string[] {
  const absolute = join(rootDir, dir);
  if (!existsSync(absolute)) return [];
  const files: string[] = [];
  for (const entry of readdirSync(absolute, { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) files.push(...listFiles(rootDir, path));
    else files.push(relative(rootDir, join(rootDir, path)).split(sep).join('/'));
  }
  return files.sort();
}

function readOrUndefined(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** Compares generated files with the tree below `rootDir`. */
export function findDrift(rootDir: string, files: readonly GeneratedFile[]): Drift {
  const stale: string[] = [];
  const missing: string[] = [];
  for (const file of files) {
    const onDisk = readOrUndefined(join(rootDir, file.path));
    if (onDisk === undefined) missing.push(file.path);
    else if (onDisk !== file.content) stale.push(file.path);
  }
  const generated = new Set(files.map((file) => file.path));
  const extra = listFiles(rootDir, GENERATED_DIR).filter((path) => !generated.has(path));
  return { stale, missing, extra };
}

export function hasDrift(drift: Drift): boolean {
  return drift.stale.length + drift.missing.length + drift.extra.length > 0;
}

/** The first differing line of a stale file, as a short hint of what changed. */
export function diffHint(rootDir: string, file: GeneratedFile): string {
  const onDisk = (readOrUndefined(join(rootDir, file.path)) ?? '').split('\n');
  const wanted = file.content.split('\n');
  for (let index = 0; index < Math.max(onDisk.length, wanted.length); index++) {
    if (onDisk[index] !== wanted[index]) {
      const clip = (line: string | undefined): string =>
        line === undefined ? '(end of file)' : JSON.stringify(line.length > 160 ? `${line.slice(0, 160)}…` : line);
      return `line ${index + 1}: on disk ${clip(onDisk[index])}, generated ${clip(wanted[index])}`;
    }
  }
  return 'contents differ';
}

/** The drift report: one line per file, with a hint for stale ones. */
export function formatDrift(rootDir: string, drift: Drift, files: readonly GeneratedFile[]): string {
  const byPath = new Map(files.map((file) => [file.path, file]));
  const lines: string[] = [];
  for (const path of drift.stale) {
    lines.push(`stale:   ${path}`);
    const file = byPath.get(path);
    if (file !== undefined) lines.push(`         ${diffHint(rootDir, file)}`);
  }
  for (const path of drift.missing) lines.push(`missing: ${path}`);
  for (const path of drift.extra) lines.push(`extra:   ${path} (not generated; delete it or run pnpm codegen)`);
  return lines.join('\n');
}

/** Writes changed files and removes files under `generated/` that codegen no longer makes. */
export function writeGenerated(rootDir: string, files: readonly GeneratedFile[]): Drift {
  const drift = findDrift(rootDir, files);
  const changed = new Set([...drift.stale, ...drift.missing]);
  for (const file of files) {
    if (!changed.has(file.path)) continue;
    const path = join(rootDir, file.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.content);
  }
  for (const path of drift.extra) rmSync(join(rootDir, path));
  return drift;
}
