// The TypeScript kernel and protocol files and their Rust twins carry the same name, one to one
// (`apply-fill.ts` <-> `apply_fill.rs`), so a reader finds a rule's twin without searching. A
// file on one side only is allowed only when it is listed below with the reason it has no twin.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

interface TwinDir {
  readonly ts: string;
  readonly rust: string;
  /** TS files (without `.ts`) that have no Rust twin, and why. */
  readonly tsOnly: Readonly<Record<string, string>>;
  /** Rust files (without `.rs`) that have no TS twin, and why. */
  readonly rustOnly: Readonly<Record<string, string>>;
}

const ROOT = join(import.meta.dirname, '..', '..');

const DIRS: readonly TwinDir[] = [
  {
    ts: 'src/kernel',
    rust: 'rust-kernel/src/kernel',
    tsOnly: {
      index: 'the module index; its Rust twin is mod.rs',
      clone: 'Rust state is cloned by #[derive(Clone)]',
      invariants: 'the invariant checker runs on the reference only (the fuzzer, the debug switch)',
      matrix: 'memoises the generated matrix lookups; Rust calls generated/rust/tables.rs directly',
      types: 'TS views of the generated types; Rust uses generated/rust/types.rs directly',
    },
    rustOnly: { mod: 'the module index; its TS twin is index.ts' },
  },
  {
    ts: 'src/protocol',
    rust: 'rust-kernel/src/protocol',
    tsOnly: {
      index: 'the module index; its Rust twin is mod.rs',
      'step-result-json': "a fast typed writer of step results; Rust's serde types write canonical JSON directly",
      'valid-request-line': "the harness's and fuzzer's request predicate; no Rust caller",
      listen: 'many sessions from one process on a Unix socket: a Node start-up costs ~0.1 s of CPU, the Rust binary starts in ~1 ms',
    },
    rustOnly: {
      mod: 'the module index; its TS twin is index.ts',
      json_scan: "names the first failing check of a line serde_json refuses; TS reads JSON.parse's answer",
    },
  },
];

function twinName(tsName: string): string {
  return tsName.replace(/-/g, '_');
}

function stems(dir: string, ext: string): string[] {
  return readdirSync(join(ROOT, dir))
    .filter((f) => f.endsWith(ext))
    .map((f) => f.slice(0, -ext.length));
}

/** Every file without its twin (and not listed as one-sided), as a sentence naming it. */
function missingTwins(d: TwinDir, tsFiles: readonly string[], rustFiles: readonly string[]): string[] {
  const rust = new Set(rustFiles);
  const tsAsRust = new Set(tsFiles.map(twinName));
  const missing: string[] = [];
  for (const t of tsFiles) {
    if (!(t in d.tsOnly) && !rust.has(twinName(t))) missing.push(`${d.ts}/${t}.ts has no twin ${d.rust}/${twinName(t)}.rs`);
  }
  for (const r of rustFiles) {
    if (!(r in d.rustOnly) && !tsAsRust.has(r)) missing.push(`${d.rust}/${r}.rs has no twin ${d.ts}/${r.replace(/_/g, '-')}.ts`);
  }
  for (const t of Object.keys(d.tsOnly)) if (!tsFiles.includes(t)) missing.push(`${d.ts}/${t}.ts is listed as one-sided but does not exist`);
  for (const r of Object.keys(d.rustOnly)) if (!rustFiles.includes(r)) missing.push(`${d.rust}/${r}.rs is listed as one-sided but does not exist`);
  return missing;
}

describe('TS and Rust twins', () => {
  for (const d of DIRS) {
    it(`every file of ${d.ts} has its twin in ${d.rust} and back`, () => {
      expect(missingTwins(d, stems(d.ts, '.ts'), stems(d.rust, '.rs'))).toEqual([]);
    });
  }

  it('finds a rule file that lacks its twin (planted)', () => {
    const d = DIRS[0]!;
    const ts = stems(d.ts, '.ts');
    const rust = stems(d.rust, '.rs').filter((r) => r !== 'apply_fill');
    expect(missingTwins(d, [...ts, 'new-rule'], rust)).toEqual([
      'src/kernel/apply-fill.ts has no twin rust-kernel/src/kernel/apply_fill.rs',
      'src/kernel/new-rule.ts has no twin rust-kernel/src/kernel/new_rule.rs',
    ]);
    expect(missingTwins(d, ts.filter((t) => t !== 'enter'), stems(d.rust, '.rs'))).toEqual([
      'rust-kernel/src/kernel/enter.rs has no twin src/kernel/enter.ts',
    ]);
  });
});
