import { describe, expect, it } from 'vitest';
import { mutantId, withOrdinals } from '../../src/mutants/mutant.js';

const body = (arm: string) => ({ kernel: 'rust' as const, file: 'rust-kernel/src/kernel/f.rs', scope: 'f', line: 1, column: 1, description: 'f', start: 0, end: 0, original: `${arm} => {${' x;'.repeat(30)}}`, replacement: '' });

describe('mutant ids', () => {
  it('two long bodies replaced the same way are #1 and #2, never one id', () => {
    const a = { ...body('A'), start: 10 };
    const b = { ...body('B'), start: 50 };
    const ids = withOrdinals([b, a]).map(mutantId);
    expect(ids).toEqual(['rust:rust-kernel/src/kernel/f.rs:f: (body) -> (nothing) #1', 'rust:rust-kernel/src/kernel/f.rs:f: (body) -> (nothing) #2']);
  });
});
