/**
 * The parity run's progress line on a terminal: one line on stderr rewritten in place, every
 * implementation's fixtures answered so far (`ts-server 120/294  rust 294/294`), cleared
 * before the report prints. Drawn only when both stdout and stderr are terminals, and never
 * with --quiet, a machine format or in CI: logs and redirected output get the report alone.
 */
import type { ParityProgress } from './parity-run.js';

export interface ProgressTerminal {
  readonly stdoutIsTty: boolean;
  readonly stderrIsTty: boolean;
  readonly quiet: boolean;
  /** Text output (a table); junit, github and jsonl are for machines. */
  readonly textFormat: boolean;
  readonly ci: boolean;
}

export function showsProgress(terminal: ProgressTerminal): boolean {
  return terminal.stdoutIsTty && terminal.stderrIsTty && !terminal.quiet && terminal.textFormat && !terminal.ci;
}

/** Redraws at most this often (a run reports hundreds of updates; a terminal needs a few). */
export const PROGRESS_REDRAW_MS = 50;

export function parityProgressLine(
  write: (text: string) => void,
  now: () => number = () => performance.now(),
): { update: (p: ParityProgress) => void; end: () => void } {
  const seen = new Map<string, ParityProgress>();
  let drawn = 0;
  let drawnAt = -Infinity;
  return {
    update(p) {
      seen.set(p.implementation, p);
      const finished = [...seen.values()].every((x) => x.done === x.total);
      if (!finished && now() - drawnAt < PROGRESS_REDRAW_MS) return;
      drawnAt = now();
      const line = `parity: ${[...seen.values()].map((x) => `${x.implementation} ${x.done}/${x.total}`).join('  ')}`;
      write(`\r${line.padEnd(drawn)}`);
      drawn = line.length;
    },
    end() {
      if (drawn > 0) write(`\r${' '.repeat(drawn)}\r`);
    },
  };
}
