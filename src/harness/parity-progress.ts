/**
 * The parity run's progress line on a terminal: one line rewritten in place, every
 * implementation's fixtures answered so far (`ts-server 120/263  rust 263/263`), cleared
 * before the report prints. Off a terminal (CI logs) nothing is drawn.
 */
import type { ParityProgress } from './parity-run.js';

export function parityProgressLine(write: (text: string) => void): { update: (p: ParityProgress) => void; end: () => void } {
  const seen = new Map<string, ParityProgress>();
  let drawn = 0;
  return {
    update(p) {
      seen.set(p.implementation, p);
      const line = `parity: ${[...seen.values()].map((x) => `${x.implementation} ${x.done}/${x.total}`).join('  ')}`;
      write(`\r${line.padEnd(drawn)}`);
      drawn = line.length;
    },
    end() {
      if (drawn > 0) write(`\r${' '.repeat(drawn)}\r`);
    },
  };
}
