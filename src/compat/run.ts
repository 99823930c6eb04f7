// `lockstep compat` as a function: arguments in, report text and exit code out.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../cli/command.js';
import { DEFAULT_ACKS, loadAcks } from './acks.js';
import { loadBaseline, releaseBaselines } from './baseline.js';
import { majorChangesets } from './changesets.js';
import { compareSets } from './compare-sets.js';
import { loadContractDir } from './contract-set.js';
import { formatGithub, formatJunit } from './format-ci.js';
import { formatChangelog, formatTable } from './format-text.js';
import { isMode, isTransitive, MODES, type Mode } from './modes.js';
import { writeRelease } from './release-lock.js';
import { buildReport, exitCodeOf, type CompatReport } from './report.js';
import { DEFAULT_SAMPLES } from './sampling.js';

export interface CompatArgs {
  against: string | undefined;
  mode: Mode;
  format: 'table' | 'json' | 'github' | 'junit' | 'changelog';
  samples: number;
  seed: number;
  acks: string;
  gate: boolean;
  recordRelease: boolean;
}

function int(flag: string, value: string | undefined): number {
  if (value === undefined || !/^\d+$/.test(value)) throw new UsageError(`${flag} needs a whole number, got ${value ?? 'nothing'}`);
  return Number(value);
}

export function parseCompatArgs(args: readonly string[]): CompatArgs {
  const out: CompatArgs = { against: undefined, mode: 'FULL', format: 'table', samples: DEFAULT_SAMPLES, seed: 42, acks: DEFAULT_ACKS, gate: false, recordRelease: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const value = (): string => {
      const v = args[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      return v;
    };
    if (a === '--against') out.against = value();
    else if (a === '--mode') {
      const m = value().toUpperCase();
      if (!isMode(m)) throw new UsageError(`--mode must be one of ${MODES.join(', ')}`);
      out.mode = m;
    } else if (a === '--format') {
      const f = value();
      if (!['table', 'json', 'github', 'junit', 'changelog'].includes(f)) throw new UsageError('--format must be table, json, github, junit or changelog');
      out.format = f as CompatArgs['format'];
    } else if (a === '--samples') out.samples = int(a, value());
    else if (a === '--no-sample') out.samples = 0;
    else if (a === '--seed') out.seed = int(a, value());
    else if (a === '--acks') out.acks = value();
    else if (a === '--gate') out.gate = true;
    else if (a === '--record-release') out.recordRelease = true;
    else throw new UsageError(`unknown argument ${a}`);
  }
  if (out.against !== undefined && isTransitive(out.mode)) throw new UsageError('a *_TRANSITIVE mode compares against every release; drop --against');
  return out;
}

function render(report: CompatReport, args: CompatArgs, version: string): string {
  switch (args.format) {
    case 'json': return JSON.stringify(report, null, 2);
    case 'github': return formatGithub(report);
    case 'junit': return formatJunit(report);
    case 'changelog': return formatChangelog(report, version);
    default: return formatTable(report);
  }
}

export interface CompatOutcome {
  readonly code: number;
  readonly text: string;
  readonly notes: string[];
}

/** Runs the check in repository `root` (the current contracts are `root/schemas`). */
export function runCompat(root: string, args: CompatArgs): CompatOutcome {
  const current = loadContractDir(root, 'current');
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; version: string };
  const noRelease = args.recordRelease && args.against === undefined && !existsSync(join(root, 'contracts/releases/lock.json'));
  const baselines = noRelease ? [] : args.against !== undefined ? [loadBaseline(root, args.against)] : releaseBaselines(root, isTransitive(args.mode));
  const opts = { samples: args.samples, seed: args.seed, corpusRoot: root };
  let report = buildReport(args.mode, baselines.map((b) => compareSets(b, current, opts)), loadAcks(join(root, args.acks)), args.against);
  const notes: string[] = [];
  let code = exitCodeOf(report);
  if (args.gate && report.verdict === 'breaking' && report.stale_acks.length === 0) {
    const accepted = report.comparisons.every((c) => c.findings.every((f) => !f.breaking));
    const majors = majorChangesets(root, pkg.name);
    if (majors.length > 0) {
      notes.push(`breaking changes are covered by a pending major changeset of ${pkg.name} (${majors.join(', ')})`);
      // Said in the report too, so a page built from it shows the gate as CI decided it.
      report = { ...report, covered_by_changesets: majors };
      code = 0;
    } else if (!accepted) notes.push(`breaking changes need a major changeset of ${pkg.name} (pnpm changeset) before release`);
  }
  if (args.recordRelease) {
    writeRelease(root, pkg.version, current);
    const changelog = join(root, 'CHANGELOG.md');
    const section = formatChangelog(report, pkg.version);
    const old = existsSync(changelog) ? readFileSync(changelog, 'utf8') : '# lockstep\n';
    if (!old.includes(`### Contract changes in ${pkg.version}`)) writeFileSync(changelog, `${old.trimEnd()}\n\n${section}`);
    notes.push(`recorded release ${pkg.version} in contracts/releases/lock.json`);
    code = 0;
  }
  return { code, text: render(report, args, pkg.version), notes };
}
