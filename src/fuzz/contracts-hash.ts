/**
 * The contracts a build speaks, as one hash: sha256 over every schema and data table under
 * `schemas/` (path, NUL, bytes, NUL; paths sorted). A shard header names it so that a merge
 * can refuse to compare results of builds speaking different contracts.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

function filesUnder(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? filesUnder(path) : name.endsWith('.json') ? [path] : [];
    });
}

export function contractsHash(root: string): string {
  const schemas = join(root, 'schemas');
  const hash = createHash('sha256');
  for (const file of filesUnder(schemas).map((f) => relative(schemas, f)).sort()) {
    hash.update(file).update('\u0000').update(readFileSync(join(schemas, file))).update('\u0000');
  }
  return `sha256:${hash.digest('hex')}`;
}
