// The page in a real browser (Debian's chromium): opened from disk, every view checked against
// the numbers of its inputs read back from the DOM, a screenshot of each view written to
// reports/screenshots/ and its colours checked against what the data says.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportData } from '../../generated/ts/types.js';
import { parseReportArguments } from '../../src/report/report-arguments.js';
import { writeReport } from '../../src/report/write-report.js';
import { backgroundOf, bodyBackground, dominantColours, focused, launchChromium, near } from './support/browser.js';
import { DIVERGENT_POINTER, DIVERGENT_STEP, FIXTURE_A, FIXTURE_B, ILLEGAL_CELL, REPRO_B, writeSampleInputs } from './support/sample-inputs.js';

const repoRoot = join(import.meta.dirname, '../..');
const shots = join(repoRoot, 'reports/screenshots');
let browser: Browser;
let page: Page;
let data: ReportData;
let url: string;
const problems: string[] = [];
const requests: string[] = [];

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  const files = writeSampleInputs(mkdtempSync(join(tmpdir(), 'report-page-')), repoRoot);
  const out = join(shots, 'report.html');
  const written = await writeReport(parseReportArguments([...Object.values(files).filter((f) => f !== files.history), '--history', files.history, '--label', 'this-run', '-o', out]), repoRoot);
  data = written.data;
  url = pathToFileURL(out).href;
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 }, colorScheme: 'light' });
  page.on('console', (m) => (m.type() === 'error' || m.type() === 'warning') && problems.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(url);
});

afterAll(async () => {
  await browser?.close();
});

const open = async (hash: string): Promise<void> => {
  await page.goto(`${url}#${hash}`);
  await page.waitForSelector(`#view-${hash.split('/')[0]}:not([hidden]) h2`);
};
const shot = async (name: string): Promise<Buffer> => page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });

describe('report page in Chromium', () => {
  it('opens from disk, draws the gates, and decodes only the summary', async () => {
    await open('gates');
    expect(await page.locator('html').getAttribute('data-decoded')).toBe('summary');
    expect(requests.every((r) => r.startsWith('file://'))).toBe(true);
  });

  it('shows each gate with its numbers and the repro command of each red item', async () => {
    await open('gates');
    const cards = await page.locator('article.gate').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-gate')} ${e.getAttribute('data-subject')} ${e.getAttribute('data-status')}`));
    expect(cards).toEqual(data.gates.map((g) => `${g.gate} ${g.subject} ${g.status}`));
    const rust = page.locator('article.gate[data-subject="rust"]');
    expect(await rust.locator('[data-metric="diverged"] dd').textContent()).toBe('1');
    expect(await rust.locator('[data-metric="steps"] dd').textContent()).toBe('13');
    expect(await rust.locator('[data-red] code').allTextContents()).toEqual([REPRO_B]);
    expect(await page.locator('.verdict').getAttribute('data-failing')).toBe('4');
    expect(await page.locator('tr[data-finding="ENUM_VALUE_REMOVED"] td').first().textContent()).toBe('breaking');
    const png = await shot('gates');
    const [badge] = await dominantColours(page, png, [(await rust.locator('.badge').boundingBox())!]);
    expect(near(badge!, await backgroundOf(rust.locator('.badge')))).toBe(true);
  });

  it('draws each matrix cell as its count says, and a click lists the fixtures reaching it', async () => {
    await open('coverage');
    await page.selectOption('#coverage-view', 'parity: rust');
    const slot = page.locator('table.heatmap[data-machine="SLOT"]');
    const enter = slot.locator('[data-cell="IDLE -ENTER-> ORDER_REQUESTED"]');
    expect(await enter.getAttribute('data-count')).toBe('2');
    expect(await enter.getAttribute('aria-label')).toContain('exercised 2 time(s) by 2');
    expect(await slot.locator('[data-cell="EXIT_REQUESTED -ORDER_ACK-> EXIT_WORKING"]').getAttribute('data-state')).toBe('diverged');
    const view = data.coverage.find((c) => c.view === 'parity: rust' && c.machine === 'SLOT')!;
    const legal = data.matrices[0]!.cells.length;
    expect(await slot.locator('[data-state="gap"]').count()).toBe(legal - view.cells.filter((c) => c.legal).length);
    await enter.hover();
    expect(await page.locator('#cell-peek').textContent()).toContain('exercised 2 time(s)');
    await enter.click();
    expect(await page.locator('#cell-details [data-reached-by]').evaluateAll((els) => els.map((e) => e.getAttribute('data-reached-by')))).toEqual([FIXTURE_A.name, FIXTURE_B.name]);
    // An absent optional part of the panel leaves nothing behind (no stray "null" text).
    expect(await page.locator('#cell-details').textContent()).not.toMatch(/null|undefined/);
    const png = await shot('coverage');
    const states = ['gap', 'exercised', 'diverged'] as const;
    const cells = states.map((s) => slot.locator(`[data-state="${s}"]`).first());
    const seen = await dominantColours(page, png, await Promise.all(cells.map(async (c) => (await c.boundingBox())!)));
    for (const [i, cell] of cells.entries()) {
      expect(near(seen[i]!, await backgroundOf(cell)), `${states[i]} cell colour in the screenshot`).toBe(true);
    }
    expect(near(seen[0]!, seen[1]!)).toBe(false);
    expect(near(seen[1]!, seen[2]!)).toBe(false);
  });

  it('moves through the cells with the arrow keys and opens one with Enter', async () => {
    await open('coverage');
    const first = page.locator('table.heatmap[data-machine="SLOT"] button.cell').first();
    await first.focus();
    await page.keyboard.press('ArrowRight');
    const second = (await focused(page, 'data-cell')).value;
    expect(second).not.toBe(await first.getAttribute('data-cell'));
    await page.keyboard.press('Enter');
    expect(await page.locator('#cell-details h3').textContent()).toContain(second!);
    await page.keyboard.press('ArrowDown');
    expect((await focused(page, 'data-cell')).row).toBeGreaterThan(1);
  });

  it('switches to the fuzz run and shows a cell the matrix forbids', async () => {
    await open('coverage');
    await page.selectOption('#coverage-view', 'fuzz: seed 11, all');
    const illegal = page.locator(`table.heatmap[data-machine="SLOT"] [data-cell="${ILLEGAL_CELL}"]`);
    expect(await illegal.getAttribute('data-state')).toBe('illegal');
    expect(await page.locator('table.heatmap[data-machine="SLOT"] [data-cell="IDLE -ENTER-> ORDER_REQUESTED"]').getAttribute('data-count')).toBe('42');
    await shot('coverage-fuzz');
  });

  it('shows a divergence: both answers, the differing pointer marked, the step and the repro', async () => {
    await open('divergences');
    expect(await page.locator('details.group').count()).toBe(data.divergences.length);
    const occurrence = page.locator(`article.occurrence[data-name="${FIXTURE_B.name}"]`);
    const marks = occurrence.locator('.sides mark.diff');
    expect(await marks.evaluateAll((els) => els.map((e) => e.getAttribute('data-pointer')))).toEqual([DIVERGENT_POINTER, DIVERGENT_POINTER]);
    expect(await marks.allTextContents()).toEqual(['"EXIT_WORKING"', '"POSITION_OPEN"']);
    expect(await occurrence.locator('ol.steps li.divergent').getAttribute('data-step')).toBe(String(DIVERGENT_STEP));
    expect(await occurrence.locator('code.pointer').textContent()).toBe(DIVERGENT_POINTER);
    expect(await occurrence.locator('code.cmd').textContent()).toBe(REPRO_B);
    const png = await shot('divergences');
    // Both answers open scrolled to their marked value: the screenshot shows both marks.
    const seen = await dominantColours(page, png, [(await marks.nth(0).boundingBox())!, (await marks.nth(1).boundingBox())!]);
    const markColour = await backgroundOf(marks.first());
    expect(seen.map((c) => near(c, markColour))).toEqual([true, true]);
  });

  it('draws a fixture as lanes with one tick per transition and its divergent step marked', async () => {
    await open(`timelines/${encodeURIComponent(FIXTURE_B.name)}`);
    const timeline = data.timelines.find((t) => t.name === FIXTURE_B.name)!;
    expect(await page.locator('[data-step-row]').count()).toBe(timeline.steps.length);
    expect(await page.locator('svg.lanes g.tick').count()).toBe(timeline.ticks.length);
    expect(await page.locator('svg.lanes g.lane').count()).toBe(new Set(timeline.ticks.map((t) => t.lane)).size);
    expect(await page.locator('tr.divergent').getAttribute('data-step-row')).toBe(String(DIVERGENT_STEP));
    await shot('timelines');
  });

  it('draws the trends of the history plus this run', async () => {
    await open('trends');
    expect(await page.locator('figure.trend').first().locator('[data-run]').evaluateAll((els) => els.map((e) => e.getAttribute('data-run')))).toEqual(['nightly-1', 'nightly-2', 'this-run']);
    expect(await page.locator('figure.trend').first().locator('circle').count()).toBe(6);
    await shot('trends');
  });

  it('moves between views with the arrow keys on the tabs', async () => {
    await open('gates');
    await page.locator('#tab-gates').focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.locator('#tab-coverage').getAttribute('aria-selected')).toBe('true');
    expect(await page.locator('#view-coverage').isVisible()).toBe(true);
    await page.keyboard.press('End');
    expect(await page.locator('#tab-trends').getAttribute('aria-selected')).toBe('true');
  });

  it('follows a dark colour scheme', async () => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await open('coverage');
    await page.selectOption('#coverage-view', 'parity: rust');
    expect(await bodyBackground(page)).toEqual({ r: 13, g: 17, b: 23 });
    await shot('coverage-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    // The button forces a scheme whatever the system's: system -> light -> dark.
    await page.locator('button.theme').click();
    await page.locator('button.theme').click();
    expect(await page.locator('button.theme').textContent()).toBe('Colours: dark');
    expect(await bodyBackground(page)).toEqual({ r: 13, g: 17, b: 23 });
  });

  it('logged no console error or warning on any view', () => {
    expect(problems).toEqual([]);
  });
});

describe('report page with many signatures', () => {
  it('draws the divergence groups a page at a time', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'report-many-'));
    const signatures = Array.from({ length: 150 }, (_, i) => ({ signature: `sig-${String(i).padStart(3, '0')}`, status: 'new', kind: 'divergence', implementation: 'rust', count: 150 - i }));
    writeFileSync(join(dir, 'merged.json'), JSON.stringify({ format: 'lockstep.fuzz_merged.v1', totals: { runs: 1, steps: 1, failures: 150 }, signatures, coverage: { slot: [], order: [] } }));
    await writeReport(parseReportArguments([join(dir, 'merged.json'), '-o', join(dir, 'many.html')]), repoRoot);
    const many = await browser.newPage();
    await many.goto(`${pathToFileURL(join(dir, 'many.html')).href}#divergences`);
    expect(await many.locator('details.group').count()).toBe(100);
    expect(await many.locator('details.group').first().getAttribute('data-signature')).toBe('fuzz sig-000');
    await many.locator('button.more').click();
    expect(await many.locator('details.group').count()).toBe(150);
    expect(await many.locator('button.more').isHidden()).toBe(true);
    await many.close();
  });
});

describe('report page file', () => {
  it('embeds its data under the versioned schema, and no network reference', () => {
    const html = readFileSync(join(shots, 'report.html'), 'utf8');
    expect(html).toContain('<meta name="lockstep-report-data-version" content="1">');
    expect(html).not.toMatch(/\s(src|href)="https?:/);
    expect(html).toContain("default-src 'none'");
  });
});
