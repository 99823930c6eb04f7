/**
 * Bench section `report`: `lockstep report` on a large campaign (the whole fixture corpus as a
 * parity report for three implementations, one of them diverging on a tenth of the fixtures,
 * and a merged fuzz report with many signatures): the time to build the data and the page,
 * the page's size per section, and, where Debian's chromium is installed, the time the page
 * takes to open from disk and to draw each heavy view (data decoded on first use).
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { parseReportArguments } from '../../src/report/report-arguments.js';
import { writeReport } from '../../src/report/write-report.js';
import { SECTIONS } from '../../src/report/html-page.js';
import { uiBundle } from '../../src/report/ui-bundle.js';
import type { BenchContext, BenchRow, BenchSection } from './kit/types.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function fixtureFiles(root: string, dir = join(root, 'fixtures/corpus')): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? fixtureFiles(root, join(dir, e.name)) : e.name.endsWith('.json') ? [relative(root, join(dir, e.name))] : []));
}

function parityLines(files: readonly string[]): string {
  const lines: string[] = [];
  for (const implementation of ['ts-in-process', 'ts-server', 'rust']) {
    files.forEach((file, i) => {
      const fixture = file.replace(/^.*\//, '').replace(/\.json$/, '');
      const diverged = implementation === 'rust' && i % 10 === 0;
      lines.push(JSON.stringify({ type: 'fixture', implementation, fixture, id: 'sha256:x', file, status: diverged ? 'diverged' : 'passed', steps: 3, ...(diverged ? { step: 0, pointer: '/result/outcome/code', expected: '"OK"', actual: '"REFUSED"', rerun: `pnpm parity --fixture ${fixture} --impl rust` } : {}) }));
    });
  }
  return `${lines.join('\n')}\n`;
}

function mergedFuzz(signatures: number): string {
  const coverage = [{ key: 'IDLE -ENTER-> ORDER_REQUESTED', count: 1_000_000 }, { key: 'ORDER_REQUESTED -ORDER_ACK-> ENTRY_WORKING', count: 900_000 }];
  return JSON.stringify({
    format: 'lockstep.fuzz_merged.v1', totals: { runs: 5_000_000, steps: 100_000_000, failures: signatures * 3, elapsed_ms_max: 3_600_000 },
    signatures: Array.from({ length: signatures }, (_, i) => ({ signature: `divergence|rust|venue_event|/result/slots/*/f${i}`, status: i % 2 ? 'known' : 'new', kind: 'divergence', implementation: 'rust', count: 3, regressions: [], facts: { pointer: `/result/slots/0/f${i}` }, exemplars: [{ shard: 'rust/all/epoch-0/shard-1-of-256@abc', source: 'generated', seed: i, steps: 12, step: 4, summary: `field f${i} differs` }] })),
    fixed: [], missing: [], partial: [], problems: [], coverage: { slot: coverage, order: [] },
  });
}

async function browserTimes(url: string, rows: BenchRow[], ctx: BenchContext): Promise<void> {
  if (!existsSync(CHROMIUM)) {
    ctx.log(`report: no Chromium at ${CHROMIUM}: page opening times skipped`);
    return;
  }
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    for (const [view, selector] of [['gates', 'article.gate'], ['coverage', 'table.heatmap'], ['divergences', 'details.group'], ['timelines', 'svg.lanes']] as const) {
      const start = performance.now();
      await page.goto(`${url}#${view}`);
      await page.waitForSelector(`#view-${view} ${selector}`);
      rows.push({ name: `open from disk and draw ${view}`, value: performance.now() - start, unit: 'ms', note: 'page load + decoding the sections that view needs' });
    }
  } finally {
    await browser.close();
  }
}

export async function run(ctx: BenchContext): Promise<BenchSection> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-report-'));
  try {
    const files = fixtureFiles(ctx.root);
    const signatures = ctx.quick ? 2_000 : 10_000;
    writeFileSync(join(dir, 'parity.jsonl'), parityLines(files));
    writeFileSync(join(dir, 'fuzz-merged.json'), mergedFuzz(signatures));
    await uiBundle();
    const out = join(dir, 'report.html');
    const start = performance.now();
    const written = await writeReport(parseReportArguments([join(dir, 'parity.jsonl'), join(dir, 'fuzz-merged.json'), '-o', out]), ctx.root);
    const rows: BenchRow[] = [
      { name: `build the page (${files.length * 3} parity cases, ${signatures} fuzz signatures)`, value: performance.now() - start, unit: 'ms' },
      { name: 'page size', value: written.bytes / 1024, unit: 'KB', note: 'raw: a file:// page gets no compression' },
      { name: 'UI script size', value: Buffer.byteLength(await uiBundle()) / 1024, unit: 'KB', note: 'budget 40 KB' },
    ];
    for (const [name, keys] of Object.entries(SECTIONS)) {
      const bytes = Buffer.byteLength(JSON.stringify(Object.fromEntries(keys.map((k) => [k, written.data[k]]))));
      rows.push({ name: `data section ${name}`, value: bytes / 1024, unit: 'KB' });
    }
    await browserTimes(pathToFileURL(out).href, rows, ctx);
    return { title: 'report: lockstep report on a large campaign', rows };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
