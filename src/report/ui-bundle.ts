// The page's script: src/report/ui/ bundled by esbuild into one minified IIFE (CSS included as
// text). The published package ships it prebuilt (dist/report-ui.global.js, see tsup.config.ts);
// from a source checkout it is bundled on first use.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** The budget the browser tests hold the bundle to (raw bytes: file:// gets no compression). */
export const UI_BUNDLE_BYTES_MAX = 40 * 1024;

let cached: Promise<string> | undefined;

async function prebuilt(): Promise<string | undefined> {
  try {
    return await readFile(new URL('../report-ui.global.js', import.meta.url), 'utf8');
  } catch {
    return undefined;
  }
}

async function bundleFromSource(): Promise<string> {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    entryPoints: [fileURLToPath(new URL('./ui/main.ts', import.meta.url))],
    bundle: true,
    minify: true,
    format: 'iife',
    platform: 'browser',
    target: ['chrome110', 'firefox115'],
    loader: { '.css': 'text' },
    write: false,
    logLevel: 'silent',
    legalComments: 'none',
  });
  return result.outputFiles[0]!.text;
}

/** The minified UI script (built once per process). */
export function uiBundle(): Promise<string> {
  cached ??= prebuilt().then((text) => text ?? bundleFromSource());
  return cached;
}
