// Debian's chromium driven by playwright-core (no browser download). CI installs it with
// `apt-get install -y chromium`; CHROMIUM_PATH points elsewhere if needed.
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`no Chromium at ${CHROMIUM_PATH}: install Debian's package (apt-get install -y chromium) or set CHROMIUM_PATH`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--no-sandbox', '--disable-gpu'] });
}

export interface Rgb {
  readonly r: number;
  readonly g: number;
  readonly b: number;
}

export function parseRgb(css: string): Rgb {
  const m = /rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(css);
  if (!m) throw new Error(`not an rgb colour: ${css}`);
  return { r: Number(m[1]), g: Number(m[2]), b: Number(m[3]) };
}

export const near = (a: Rgb, b: Rgb, tolerance = 8): boolean => Math.abs(a.r - b.r) <= tolerance && Math.abs(a.g - b.g) <= tolerance && Math.abs(a.b - b.b) <= tolerance;

interface Canvas2d {
  drawImage(image: unknown, x: number, y: number): void;
  getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> };
}

interface BrowserGlobals {
  readonly scrollX: number;
  readonly scrollY: number;
  readonly Image: new () => { src: string; width: number; height: number; decode(): Promise<void> };
  readonly document: { createElement(tag: 'canvas'): { width: number; height: number; getContext(kind: '2d', options: object): Canvas2d | null } };
}

/**
 * The dominant colour of each box in a PNG screenshot, read back by drawing the PNG on a canvas
 * in the page itself (no image decoder needed in Node): a 7x5 grid of samples inside the box,
 * most frequent colour wins (text covers less of a cell than its background).
 */
export async function dominantColours(page: Page, png: Buffer, boxes: readonly { x: number; y: number; width: number; height: number }[]): Promise<Rgb[]> {
  return page.evaluate(
    async ({ b64, boxes }) => {
      // This function runs in the page: its DOM globals, typed here without the DOM lib.
      const page = globalThis as unknown as BrowserGlobals;
      const { scrollX, scrollY, document } = page;
      const img = new page.Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.width;
      canvas.height = img.height;
      const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
      ctx.drawImage(img, 0, 0);
      // Boxes are viewport-relative; a full-page screenshot starts at the top of the page.
      return boxes.map((viewportBox) => {
        const box = { ...viewportBox, x: viewportBox.x + scrollX, y: viewportBox.y + scrollY };
        const counts = new Map<string, number>();
        for (let i = 1; i <= 7; i++) {
          for (let j = 1; j <= 5; j++) {
            const d = ctx.getImageData(Math.round(box.x + (box.width * i) / 8), Math.round(box.y + (box.height * j) / 6), 1, 1).data;
            const key = `${d[0]},${d[1]},${d[2]}`;
            counts.set(key, (counts.get(key) ?? 0) + 1);
          }
        }
        const [r, g, b] = [...counts.entries()].sort((x, y) => y[1] - x[1])[0]![0].split(',').map(Number);
        return { r: r!, g: g!, b: b! };
      });
    },
    { b64: png.toString('base64'), boxes },
  );
}

/** The background colour the page computed for an element (what its class says it should show). */
export async function backgroundOf(locator: Locator): Promise<Rgb> {
  return parseRgb(await locator.evaluate((e) => (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }).getComputedStyle(e).backgroundColor));
}

/** The focused element's attribute and its table row index (-1 outside a table). */
export async function focused(page: Page, attribute: string): Promise<{ value: string | null; row: number }> {
  return page.evaluate((name) => {
    const active = (globalThis as unknown as { document: { activeElement: { getAttribute(n: string): string | null; closest(s: string): { rowIndex: number } | null } | null } }).document.activeElement;
    return { value: active?.getAttribute(name) ?? null, row: active?.closest('tr')?.rowIndex ?? -1 };
  }, attribute);
}

export async function bodyBackground(page: Page): Promise<Rgb> {
  return backgroundOf(page.locator('body'));
}
