// Pending changesets (`.changeset/*.md`): which of them ask for a major bump of the package?
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface PendingBump {
  /** The changeset's path from the repository root, `.changeset/<name>.md`. */
  readonly file: string;
  readonly bump: 'major' | 'minor' | 'patch';
}

export function pendingBumps(root: string, pkg: string): PendingBump[] {
  const dir = join(root, '.changeset');
  if (!existsSync(dir)) return [];
  const bumps: PendingBump[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (!name.endsWith('.md') || name === 'README.md') continue;
    const text = readFileSync(join(dir, name), 'utf8');
    const front = /^---\s*\n([\s\S]*?)\n---/.exec(text)?.[1] ?? '';
    for (const line of front.split('\n')) {
      const m = /^\s*["']?([^"':]+)["']?\s*:\s*(major|minor|patch)\s*$/.exec(line);
      if (m !== null && m[1] === pkg) bumps.push({ file: `.changeset/${name}`, bump: m[2] as PendingBump['bump'] });
    }
  }
  return bumps;
}

/** The pending changesets that ask for a major bump of `pkg` (empty: none). */
export function majorChangesets(root: string, pkg: string): string[] {
  return pendingBumps(root, pkg).filter((b) => b.bump === 'major').map((b) => b.file);
}
