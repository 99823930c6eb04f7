/**
 * `lockstep bench [--quick] [--only a,b]` (`pnpm bench`): runs every bench section, prints one
 * report and writes `reports/bench.json`. Benchmarks measure; tests never time things.
 *
 * A section is a module in `scripts/bench/` exporting `run(ctx): Promise<BenchSection>`
 * (types in `scripts/bench/kit/types.ts`). To add one: write the module, then add ONE line to
 * `sections` below. A section that throws is reported as failed and the run goes on; the
 * process then exits 1.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchContext, BenchSection, BenchSectionModule } from './bench/kit/types.js';

/** Every section, in report order: `[id, loader]`. One line per section. */
const sections: Array<[string, () => Promise<BenchSectionModule>]> = [
  ['canonical', () => import('./bench/canonical.js')],
  ['contracts', () => import('./bench/contracts.js')],
  ['kernel', () => import('./bench/kernel.js')],
  ['parity', () => import('./bench/parity.js')],
  ['fuzz', () => import('./bench/fuzz.js')],
  ['rust', () => import('./bench/rust.js')],
  ['journal', () => import('./bench/journal.js')],
  ['report', () => import('./bench/report.js')],
  ['compat', () => import('./bench/compat.js')],
];

type SectionOutcome =
  | { id: string; ok: true; section: BenchSection; seconds: number }
  | { id: string; ok: false; error: string; seconds: number };

interface Options {
  quick: boolean;
  only: string[] | undefined;
}

export class BenchUsageError extends Error {}

function parseArgs(argv: readonly string[]): Options {
  const options: Options = { quick: false, only: undefined };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') continue;
    if (arg === '--quick') options.quick = true;
    else if (arg === '--only') options.only = (argv[++i] ?? '').split(',').filter((s) => s !== '');
    else if (arg?.startsWith('--only=')) options.only = arg.slice('--only='.length).split(',');
    else throw new BenchUsageError(`unknown argument ${JSON.stringify(arg)} (known: --quick, --only a,b)`);
  }
  const known = new Set(sections.map(([id]) => id));
  for (const id of options.only ?? []) {
    if (!known.has(id)) throw new BenchUsageError(`no section ${JSON.stringify(id)} (known: ${[...known].join(', ')})`);
  }
  return options;
}

function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  return value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

function renderSection(outcome: SectionOutcome): string {
  if (!outcome.ok) return `## ${outcome.id}: FAILED\n  ${outcome.error.replaceAll('\n', '\n  ')}\n`;
  const { section } = outcome;
  const lines = [`## ${section.title}  (${outcome.id}, ${outcome.seconds.toFixed(1)} s)`];
  const nameWidth = Math.max(4, ...section.rows.map((r) => r.name.length), ...(section.ratios ?? []).map((r) => r.name.length));
  const values = section.rows.map((r) => formatNumber(r.value));
  const valueWidth = Math.max(5, ...values.map((v) => v.length));
  section.rows.forEach((row, i) => {
    const note = row.note === undefined ? '' : `  ${row.note}`;
    lines.push(`  ${row.name.padEnd(nameWidth)}  ${(values[i] ?? '').padStart(valueWidth)} ${row.unit}${note}`);
  });
  if (section.ratios !== undefined && section.ratios.length > 0) {
    lines.push('  ratios:');
    for (const ratio of section.ratios) {
      const note = ratio.note === undefined ? '' : `  ${ratio.note}`;
      lines.push(`  ${ratio.name.padEnd(nameWidth)}  ${ratio.value.toFixed(2).padStart(valueWidth)} x${note}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Runs the sections `argv` asks for; the exit code (1 when a section failed). */
export async function runBench(argv: readonly string[], out: (text: string) => void = (t) => process.stdout.write(t)): Promise<number> {
  const options = parseArgs(argv);
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const ctx: BenchContext = {
    root,
    quick: options.quick,
    windowMs: options.quick ? 100 : 400,
    log: (message) => process.stderr.write(`bench: ${message}\n`),
  };
  const header = `lockstep bench: node ${process.version}, ${cpus().length} x ${cpus()[0]?.model ?? 'unknown cpu'}${options.quick ? ', --quick' : ''}`;
  out(`${header}\n\n`);
  const outcomes: SectionOutcome[] = [];
  for (const [id, load] of sections) {
    if (options.only !== undefined && !options.only.includes(id)) continue;
    ctx.log(`running ${id}`);
    const start = performance.now();
    let outcome: SectionOutcome;
    try {
      const section = await (await load()).run(ctx);
      outcome = { id, ok: true, section, seconds: (performance.now() - start) / 1000 };
    } catch (error) {
      const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
      outcome = { id, ok: false, error: text, seconds: (performance.now() - start) / 1000 };
    }
    outcomes.push(outcome);
    out(`${renderSection(outcome)}\n`);
  }
  const reportPath = join(root, 'reports', 'bench.json');
  mkdirSync(dirname(reportPath), { recursive: true });
  const report = {
    node: process.version,
    cpu: { count: cpus().length, model: cpus()[0]?.model ?? 'unknown' },
    quick: options.quick,
    sections: outcomes,
  };
  writeFileSync(reportPath, `${JSON.stringify(report, null, 2)}\n`);
  out(`report written to ${reportPath}\n`);
  const failed = outcomes.filter((o) => !o.ok).map((o) => o.id);
  if (failed.length > 0) {
    process.stderr.write(`bench: ${failed.length} section(s) failed: ${failed.join(', ')}\n`);
    return 1;
  }
  return 0;
}
