import { describe, expect, it } from 'vitest';
import { commandWords } from '../../src/harness/command-words.js';

describe('commandWords (which session commands start without a shell)', () => {
  it('splits a plain argument list', () => {
    expect(commandWords('rust-kernel/target/release/lockstep-kernel')).toEqual(['rust-kernel/target/release/lockstep-kernel']);
    expect(commandWords('node  node_modules/.cache/lockstep-ts-server/main.js kernel')).toEqual(['node', 'node_modules/.cache/lockstep-ts-server/main.js', 'kernel']);
    expect(commandWords('./my-kernel --stdio --level=2')).toEqual(['./my-kernel', '--stdio', '--level=2']);
  });

  it('leaves to the shell whatever the shell would change or run itself', () => {
    for (const command of [
      'python3 "my kernel.py"',
      "sh -c 'exit 3'",
      'kernel $FLAGS',
      'kernel *.json',
      '~/bin/kernel',
      'kernel > out.txt',
      'a; b',
      'a && b',
      'exit 3',
      'exec ./kernel',
      'LEVEL=2 ./kernel',
      'kernel\t--stdio',
      '',
    ]) {
      expect(commandWords(command), command).toBeUndefined();
    }
  });
});
