// The protocol edge lives once, in schemas/data/protocol.edge.json: no error code, category,
// message template, capability list or shared bound is written again as a literal in `src/`
// or `rust-kernel/src/` (generated code aside). This test greps for second copies.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

interface EdgeTable {
  readonly limits: readonly { readonly name: string; readonly value: number }[];
  readonly errors: readonly { readonly code: string; readonly template: string }[];
  readonly ops: readonly string[];
}

const EDGE = JSON.parse(readFileSync(join(ROOT, 'schemas/data/protocol.edge.json'), 'utf8')) as EdgeTable;

/**
 * Files allowed to hold one of the patterns, and why. `src/canonical/` names the strict
 * parser's own error codes (JsonParseError, CanonicalJsonError: a different vocabulary that
 * shares two names with the protocol's).
 */
const ALLOWED: readonly { readonly file: RegExp; readonly pattern: string; readonly why: string }[] = [
  { file: /^src\/canonical\//, pattern: 'code DEPTH_LIMIT_EXCEEDED', why: 'the strict parser reuses the name for its own code' },
  { file: /^src\/canonical\//, pattern: 'code NUMBER_OUT_OF_RANGE', why: 'the strict parser reuses the name for its own code' },
  { file: /^src\/(fuzz\/(strategy-command|float-hostile-number|adversarial-command)|venue\/simulated-venue)\.ts$/, pattern: 'bound fee_ratio_max', why: '1e12 there is the Price/Size bound of the schemas, not the fee ratio' },
  { file: /^src\/fuzz\/adversarial-command\.ts$/, pattern: 'bound fee_ratio_max', why: 'an awkward input number (the Price bound), not the fee ratio' },
  { file: /^src\/fuzz\/adversarial-command\.ts$/, pattern: 'bound fee_expected_max', why: 'the same value as amount_max, which that line uses' },
  { file: /^src\/fuzz\/adversarial-command\.ts$/, pattern: 'bound exit_leg_sum_tolerance', why: 'an awkward fee input, not the tolerance' },  { file: /^src\/journal\/fault-vectors\.ts$/, pattern: 'code NOT_CONFIGURED', why: 'a fixed journal test vector: the bytes of an answer, not a second source' },
  { file: /^src\/journal\/fault-vectors\.ts$/, pattern: 'template of NOT_CONFIGURED', why: 'a fixed journal test vector: the bytes of an answer, not a second source' },
];

interface Pattern {
  readonly name: string;
  readonly regex: RegExp;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Literal spellings of a bound in TS or Rust source: `8388608`, `8_388_608`, `1e15`, `1e+15`. */
function numberForms(value: number): string[] {
  const plain = String(value);
  const forms = new Set([plain, plain.replace(/\B(?=(\d{3})+(?!\d))/g, '_')]);
  const exp = value.toExponential().replace('e+', 'e');
  forms.add(exp.replace(/\.0+e/, 'e'));
  forms.add(value.toExponential().replace(/\.0+e/, 'e'));
  return [...forms];
}

/** Bounds distinctive enough that a literal of the same value is a second copy. */
function distinctive(value: number): boolean {
  return Math.abs(value) >= 1e6 || (value !== 0 && Math.abs(value) < 1e-6);
}

function edgePatterns(edge: EdgeTable): Pattern[] {
  const patterns: Pattern[] = [];
  for (const e of edge.errors) {
    patterns.push({ name: `code ${e.code}`, regex: new RegExp(`['"]${e.code}['"]`) });
    // Every fixed run of a template (between placeholders) long enough to be a sentence.
    for (const run of e.template.split(/\{[a-z_]+\}/)) {
      if (run.trim().length >= 16) patterns.push({ name: `template of ${e.code}`, regex: new RegExp(escape(run.trim())) });
    }
  }
  for (const l of edge.limits) {
    if (!distinctive(l.value)) continue;
    const forms = numberForms(l.value).map(escape).join('|');
    patterns.push({ name: `bound ${l.name}`, regex: new RegExp(`(?<![\\w.])(${forms})(?![\\w.])`) });
  }
  patterns.push({ name: 'bound line_bytes_max', regex: /8\s*\*\s*1024\s*\*\s*1024/ });
  patterns.push({ name: 'category', regex: /category:\s*'(syntax|schema|protocol|internal)'|ErrorCategory::/ });
  patterns.push({ name: 'capabilities', regex: new RegExp(`['"]${edge.ops[0]}['"],\\s*['"]${edge.ops[1]}['"]`) });
  return patterns;
}

function sourceFiles(dir: string, ext: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(ROOT, dir))) {
    const rel = `${dir}/${name}`;
    if (statSync(join(ROOT, rel)).isDirectory()) out.push(...sourceFiles(rel, ext));
    else if (name.endsWith(ext)) out.push(rel);
  }
  return out;
}

/** Every second copy in `text` of file `file`, as `file:line: pattern`. */
function findLiterals(file: string, text: string, patterns: readonly Pattern[]): string[] {
  const found: string[] = [];
  const lines = text.split('\n');
  for (const p of patterns) {
    if (ALLOWED.some((a) => a.file.test(file) && a.pattern === p.name)) continue;
    lines.forEach((line, i) => {
      if (p.regex.test(line)) found.push(`${file}:${i + 1}: ${p.name}`);
    });
  }
  return found;
}

describe('the protocol edge has one source', () => {
  const patterns = edgePatterns(EDGE);

  it('no code, category, template, capability list or shared bound is a literal in src/ or rust-kernel/src/', () => {
    const files = [...sourceFiles('src', '.ts'), ...sourceFiles('rust-kernel/src', '.rs')];
    const found = files.flatMap((f) => findLiterals(relative(ROOT, join(ROOT, f)), readFileSync(join(ROOT, f), 'utf8'), patterns));
    expect(found).toEqual([]);
  });

  it('finds planted second copies', () => {
    const planted = [
      "const LIMIT = 8388608;",
      'pub const LINE_BYTES_MAX: usize = 8 * 1024 * 1024;',
      "return fault('DUPLICATE_SEQ', '/seq', `seq ${s} was already used by the previous request`);",
      'E::EmptyLine => ErrorCategory::Syntax,',
      "const CAPS = ['account_event', 'bye'];",
      'const AMOUNT: f64 = 1e15;',
    ].join('\n');
    const names = findLiterals('src/protocol/planted.ts', planted, patterns).map((f) => f.replace(/^[^ ]+ /, ''));
    expect(names).toEqual(
      expect.arrayContaining([
        'bound line_bytes_max',
        'code DUPLICATE_SEQ',
        'template of DUPLICATE_SEQ',
        'category',
        'capabilities',
        'bound amount_max',
      ]),
    );
  });
});
