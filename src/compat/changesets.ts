// Pending changesets (`.changeset/*.md`): does one of them ask for a major bump of the package?
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export function pendingBumps(root: string, pkg: string): string[] {
  const dir = join(root, '.changeset');
  if (!existsSync(dir)) return [];
  const bumps: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (!name.endsWith('.md') || name === 'README.md') continue;
    const text = readFileSync(join(dir, name), 'utf8');
    const front = /^---\s*\n([\s\S]*?)\n---/.exec(text)?.[1] ?? '';
    for (const line of front.split('\n')) {
      const m = /^\s*["']?([^"':]+)["']?\s*:\s*(major|minor|patch)\s*$/.exec(line);
      if (m !== null && m[1] === pkg) bumps.push(m[2]!);
    }
  }
  return bumps;
}

export function hasMajorChangeset(root: string, pkg: string): boolean {
  return pendingBumps(root, pkg).includes('major');
}
