/**
 * `pnpm codegen`: schemas/ -> generated/. `pnpm codegen --check`: regenerate in memory and
 * fail, naming every stale, missing or extra file, when generated/ is not what codegen makes.
 * `--root <dir>` points at another checkout (the tests use a temporary copy).
 */
import { resolve } from 'node:path';
import { CodegenError, generateAll } from './generate.js';
import { findDrift, formatDrift, hasDrift, writeGenerated } from './output.js';
import { loadSchemaSet, SchemaSetError } from './schema-set.js';

interface Options {
  readonly check: boolean;
  readonly rootDir: string;
}

function parseArgs(argv: readonly string[]): Options {
  let check = false;
  let rootDir = process.cwd();
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index];
    if (arg === '--check') check = true;
    else if (arg === '--root' && argv[index + 1] !== undefined) rootDir = resolve(argv[++index] as string);
    else if (arg === '--') continue;
    else throw new CodegenError([`unknown argument ${JSON.stringify(arg)}`], 'usage: codegen [--check] [--root <dir>]');
  }
  return { check, rootDir };
}

async function main(argv: readonly string[]): Promise<number> {
  const started = performance.now();
  const options = parseArgs(argv);
  const files = await generateAll(loadSchemaSet(options.rootDir));
  const elapsed = `${((performance.now() - started) / 1000).toFixed(2)} s`;
  if (options.check) {
    const drift = findDrift(options.rootDir, files);
    if (hasDrift(drift)) {
      console.error(`codegen --check: generated/ is out of date (run pnpm codegen):\n${formatDrift(options.rootDir, drift, files)}`);
      return 1;
    }
    console.log(`codegen --check: ${files.length} files up to date (${elapsed})`);
    return 0;
  }
  const drift = writeGenerated(options.rootDir, files);
  const changes = drift.stale.length + drift.missing.length + drift.extra.length;
  console.log(`codegen: ${files.length} files, ${changes} changed (${elapsed})`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof CodegenError || error instanceof SchemaSetError) console.error(`codegen: ${error.message}`);
    else console.error(error);
    process.exit(2);
  },
);
