import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromCargoMutantsList } from '../../src/mutants/rust-mutants.js';
import { applyMutant } from '../../src/mutants/mutant.js';

describe('Rust mutants from the cargo-mutants list', () => {
  it('maps line/column spans to offsets, keeps only the kernel folder', () => {
    const root = mkdtempSync(join(tmpdir(), 'lockstep-rust-mutants-'));
    mkdirSync(join(root, 'rust-kernel/src/kernel'), { recursive: true });
    const text = 'fn f(size: f64, remaining: f64) -> bool {\n    size >= remaining\n}\n';
    writeFileSync(join(root, 'rust-kernel/src/kernel/venue.rs'), text);
    const ms = fromCargoMutantsList(root, [
      { file: 'src/kernel/venue.rs', replacement: '>', genre: 'BinaryOperator', span: { start: { line: 2, column: 10 }, end: { line: 2, column: 12 } }, function: { function_name: 'f' } },
      { file: 'src/server.rs', replacement: '()', span: { start: { line: 1, column: 1 }, end: { line: 1, column: 2 } } },
    ]);
    expect(ms).toHaveLength(1);
    expect(ms[0]).toMatchObject({ kernel: 'rust', file: 'rust-kernel/src/kernel/venue.rs', line: 2, original: '>=', replacement: '>', description: 'f: >= -> >' });
    expect(applyMutant(text, ms[0]!)).toContain('size > remaining');
  });
});
