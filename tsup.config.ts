import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { defineConfig, type Options } from 'tsup';

/**
 * ajv's standalone validators (generated/ts/validators.js) import ajv's runtime helpers
 * (`ajv/dist/runtime/ucs2length`, ...), which are CommonJS. Left external, an ESM consumer
 * loading them from a real `.mjs` file fails with `Dynamic require of "ajv/dist/runtime/..."
 * is not supported`; bundled, both the ESM and the CJS build work, and the package needs no
 * runtime dependency at all (canonical JSON is the project's own code).
 */
const bundledRuntime = [/^ajv(\/|$)/, /^ajv-formats(\/|$)/];

/**
 * The commands that need a checkout (codegen/ and its json-schema-to-typescript, the fixture
 * stories of scripts/fixtures, the test runner, the cargo build, the benchmarks, mutants and its external
 * `typescript`, which the bin would otherwise import at startup and fail without) are swapped
 * for src/cli/checkout-only.ts in the bin, which says so; everything else is bundled as written.
 */
type Plugin = NonNullable<Options['esbuildPlugins']>[number];
const CHECKOUT_ONLY = /^\.\/(codegen|fixtures|test|rust-build|mutants|bench)\.js$/;
const checkoutOnlyCommands: Plugin = {
  name: 'checkout-only-commands',
  setup(build) {
    build.onResolve({ filter: CHECKOUT_ONLY }, (args) =>
      args.importer.endsWith(join('src', 'cli', 'commands.ts')) ? { path: resolve('src/cli/checkout-only.ts') } : undefined,
    );
  },
};

const shared = {
  outDir: 'dist',
  target: 'node20',
  platform: 'node',
  sourcemap: false,
  splitting: false,
  treeshake: true,
  noExternal: bundledRuntime,
  // The parser `lockstep mutants` plants TypeScript mutants with: a development tool, loaded
  // only by that command, never bundled into the package.
  external: ['typescript'],
} satisfies Options;

export default defineConfig(() => {
  // The builds write into dist/ concurrently, so none may `clean` (one would delete what
  // another wrote): dist/ is emptied once here, before any starts.
  rmSync('dist', { recursive: true, force: true });
  return [
    {
      ...shared,
      // The contracts entry: types, validators, canonical JSON. ESM + CJS + declarations.
      entry: { index: 'src/index.ts' },
      format: ['esm', 'cjs'],
      dts: true,
    },
    {
      ...shared,
      // The `lockstep` command (bin). ESM only; it keeps its shebang and becomes executable.
      // The worker threads' scripts are entries too: their code finds them beside its own module
      // (`new URL('./<name>.js', import.meta.url)`), which in the bin is a chunk of dist/cli/.
      entry: { main: 'src/cli/main.ts', 'reference-worker': 'src/fuzz/reference-worker.ts', 'segment-worker': 'src/journal/segment-worker.ts' },
      // Split into chunks beside main.js (the same depth, so paths found from a module's own URL
      // hold): each command loads what it imports (commands.ts imports them lazily), and
      // `lockstep kernel` starts without parsing the validators of every contract.
      outDir: 'dist/cli',
      splitting: true,
      format: ['esm'],
      dts: false,
      // Only a source checkout bundles the report page's script on the fly (src/report/ui-bundle.ts);
      // the package ships it prebuilt (below), so esbuild stays out of the CLI bundle.
      external: [...shared.external, 'esbuild'],
      esbuildPlugins: [checkoutOnlyCommands],
    },
    {
      // The `lockstep report` page's script: one minified browser IIFE, its CSS inlined as text,
      // read by src/report/ui-bundle.ts from dist/report-ui.global.js.
      entry: { 'report-ui': 'src/report/ui/main.ts' },
      outDir: 'dist',
      format: ['iife'],
      platform: 'browser',
      target: ['chrome110', 'firefox115'],
      minify: true,
      dts: false,
      sourcemap: false,
      splitting: false,
      treeshake: true,
      loader: { '.css': 'text' },
    },
  ];
});
