// The folder of lockstep's own package.json: the checkout when run from source, the installed
// package (node_modules/lockstep) when run from dist/. Found by walking up from this module, so
// it holds wherever the bundler puts the code.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findPackageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === 'lockstep') return dir;
    if (dirname(dir) === dir) return from;
  }
}

export const PACKAGE_ROOT = findPackageRoot(dirname(fileURLToPath(import.meta.url)));

/** True in a checkout (sources present), false in an installed package (dist/ only). */
export const IS_CHECKOUT = existsSync(join(PACKAGE_ROOT, 'src/cli/main.ts'));
