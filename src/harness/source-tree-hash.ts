// One content key for "everything this was built or checked from": the TS server bundle's cache
// and the remembered fixture checks both go stale exactly when one of their source files changes.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The files under `path` (the path itself when it is a file), sorted; none when it does not exist. */
export function filesUnder(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((name) => filesUnder(join(path, name)));
}

/** sha256 over `seed`, then each source file's path (from `root`) and bytes, in sorted order. */
export function sourceTreeHash(root: string, sources: readonly string[], seed = ''): string {
  const hash = createHash('sha256').update(seed);
  for (const file of sources.flatMap((source) => filesUnder(join(root, source)))) {
    hash.update('\u0000').update(file.slice(root.length)).update('\u0000').update(readFileSync(file));
  }
  return hash.digest('hex');
}
