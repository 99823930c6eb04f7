import { describe, expect, it } from 'vitest';
import { MutantsUsageError, parseMutantsArguments } from '../../src/mutants/mutants-arguments.js';

describe('lockstep mutants arguments', () => {
  it('collects every --match and keeps the defaults otherwise', () => {
    const a = parseMutantsArguments(['--kernel', 'rust', '--match', 'snapshot.rs', '--match', 'apply_fill']);
    expect(a.kernels).toEqual(['rust']);
    expect(a.match).toEqual(['snapshot.rs', 'apply_fill']);
    expect(parseMutantsArguments([]).match).toEqual([]);
    const m = parseMutantsArguments(['--merge', 'a.json', 'b.json', '--report', 'm.json']);
    expect([m.merge, m.report]).toEqual([['a.json', 'b.json'], 'm.json']);
  });

  it('names the flag that lacks its value or is unknown', () => {
    expect(() => parseMutantsArguments(['--match'])).toThrow(new MutantsUsageError('--match needs a value'));
    expect(() => parseMutantsArguments(['--shard', '3/2'])).toThrow(/--shard must be I\/N/);
    expect(() => parseMutantsArguments(['--frobnicate'])).toThrow(/unknown argument '--frobnicate'/);
  });
});
