/**
 * `lockstep codegen`: schemas/ -> generated/. `--check`: regenerate in memory and fail, naming
 * every stale, missing or extra file, when generated/ is not what codegen makes. `--root <dir>`
 * points at another checkout (the tests use a temporary copy). The command line lives in
 * src/cli/codegen.ts; this module takes its arguments and writers, so codegen/ needs nothing
 * from src/.
 */
import { resolve } from 'node:path';
import { CodegenError, generateAll } from './generate.js';
import { findDrift, formatDrift, hasDrift, writeGenerated } from './output.js';
import { loadSchemaSet, SchemaSetError } from './schema-set.js';

export const CODEGEN_USAGE = 'usage: codegen [--check] [--root <dir>]';

interface Options {
  readonly check: boolean;
  readonly rootDir: string;
}

function parseArgs(argv: readonly string[], cwd: string): Options {
  let check = false;
  let rootDir = cwd;
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index];
    if (arg === '--check') check = true;
    else if (arg === '--root' && argv[index + 1] !== undefined) rootDir = resolve(cwd, argv[++index] as string);
    else if (arg === '--') continue;
    else throw new CodegenError([`unknown argument ${JSON.stringify(arg)}`], CODEGEN_USAGE);
  }
  return { check, rootDir };
}

export interface CodegenOutput {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

async function generate(argv: readonly string[], cwd: string, io: CodegenOutput): Promise<number> {
  const started = performance.now();
  const options = parseArgs(argv, cwd);
  const files = await generateAll(loadSchemaSet(options.rootDir));
  const elapsed = `${((performance.now() - started) / 1000).toFixed(2)} s`;
  if (options.check) {
    const drift = findDrift(options.rootDir, files);
    if (hasDrift(drift)) {
      io.err(`codegen --check: generated/ is out of date (run pnpm codegen):\n${formatDrift(options.rootDir, drift, files)}`);
      return 1;
    }
    io.out(`codegen --check: ${files.length} files up to date (${elapsed})`);
    return 0;
  }
  const drift = writeGenerated(options.rootDir, files);
  const changes = drift.stale.length + drift.missing.length + drift.extra.length;
  io.out(`codegen: ${files.length} files, ${changes} changed (${elapsed})`);
  return 0;
}

/** Runs codegen; exit 0 done, 1 drift found by --check, 2 the input (or the command line) was refused. */
export async function runCodegen(argv: readonly string[], cwd: string, io: CodegenOutput): Promise<number> {
  try {
    return await generate(argv, cwd, io);
  } catch (error) {
    if (error instanceof CodegenError || error instanceof SchemaSetError) {
      io.err(`codegen: ${error.message}`);
      return 2;
    }
    throw error;
  }
}
