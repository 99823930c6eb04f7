// The progress line of `lockstep fuzz`: a bar redrawn on a terminal, one line every 10 s otherwise
// (CI logs keep every line, so a redrawn bar would flood them).
import type { Writable } from 'node:stream';

export interface FuzzProgress {
  readonly scenarios: number;
  readonly runs: number;
  readonly elapsedMs: number;
  readonly failures: number;
}

export function progressRenderer(tty: boolean, out: Writable, err: Writable): (p: FuzzProgress) => void {
  let lastLine = 0;
  return (p) => {
    const secs = p.elapsedMs / 1000;
    const rate = secs > 0 ? p.scenarios / secs : 0;
    if (tty) {
      const width = 30;
      const filled = p.runs > 0 ? Math.round((p.scenarios / p.runs) * width) : 0;
      err.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${p.scenarios}/${p.runs} scenarios ${secs.toFixed(1)}s ${rate.toFixed(0)}/s ${p.failures} failure(s)`);
    } else if (p.elapsedMs - lastLine >= 10_000) {
      lastLine = p.elapsedMs;
      out.write(`fuzz: ${p.scenarios}/${p.runs} scenarios, ${secs.toFixed(0)} s, ${rate.toFixed(0)}/s, ${p.failures} failure(s)\n`);
    }
  };
}
