/**
 * Mutants of the Rust kernel, listed by cargo-mutants (`cargo mutants --list --json`): its
 * operator swaps and function-body replacements over `rust-kernel/src/kernel/`. cargo-mutants
 * only lists them here; each is planted and judged by the parity corpus and the fuzzer
 * (`mutant-judge.ts`), which `cargo test` could not do.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { withOrdinals, type Mutant } from './mutant.js';

interface Position {
  readonly line: number;
  readonly column: number;
}

/** One entry of `cargo mutants --list --json` (the fields used here). */
interface ListedMutant {
  readonly file: string;
  readonly replacement: string;
  readonly genre?: string;
  readonly span: { readonly start: Position; readonly end: Position };
  readonly function?: { readonly function_name?: string } | null;
}

/** The folder of the kernel's rules; the server, the codecs and the journal are not mutated. */
const mutated_folder = 'src/kernel/';

/** Offset in `text` of a 1-based line and column (columns count characters). */
function offsetOf(text: string, lines: readonly number[], p: Position): number {
  return (lines[p.line - 1] ?? text.length) + p.column - 1;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return starts;
}

/** Turns listed mutants into plantable ones (file paths from the repository root). */
export function fromCargoMutantsList(repoRoot: string, listed: readonly ListedMutant[]): Mutant[] {
  const texts = new Map<string, { text: string; lines: number[] }>();
  const out: Omit<Mutant, 'ordinal'>[] = [];
  for (const l of listed) {
    if (!l.file.startsWith(mutated_folder)) continue;
    const file = `rust-kernel/${l.file}`;
    let t = texts.get(file);
    if (t === undefined) {
      const text = readFileSync(join(repoRoot, file), 'utf8');
      t = { text, lines: lineStarts(text) };
      texts.set(file, t);
    }
    const start = offsetOf(t.text, t.lines, l.span.start);
    const end = offsetOf(t.text, t.lines, l.span.end);
    const original = t.text.slice(start, end);
    const fn = l.function?.function_name ?? '(top level)';
    const shown = original.length > 40 ? `${original.slice(0, 37).replace(/\s+/g, ' ')}...` : original.replace(/\s+/g, ' ');
    out.push({ kernel: 'rust', file, line: l.span.start.line, column: l.span.start.column, start, end, original, replacement: l.replacement, scope: fn, description: `${fn}: ${shown} -> ${l.replacement.replace(/\s+/g, ' ')}` });
  }
  return withOrdinals(out);
}

/** Every mutant cargo-mutants lists for the kernel; throws with the reason when it cannot run. */
export function listRustMutants(repoRoot: string): Mutant[] {
  const run = spawnSync('cargo', ['mutants', '--list', '--json', '--dir', join(repoRoot, 'rust-kernel')], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.error !== undefined || run.status !== 0) {
    const why = run.error?.message ?? run.stderr.trim().split('\n').at(-1) ?? '';
    throw new Error(`cargo mutants --list failed (${why}); install it with: cargo install --locked cargo-mutants`);
  }
  return fromCargoMutantsList(repoRoot, JSON.parse(run.stdout) as ListedMutant[]);
}
