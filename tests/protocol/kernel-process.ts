// Runs `lockstep kernel` from source as a real process, feeding it lines and collecting every
// response line. A hang fails the test (timeout); a non-zero exit is returned for assertion.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { validate } from '../../src/contracts/index.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface ProcessRun {
  readonly code: number | null;
  readonly responses: Array<Record<string, unknown>>;
  readonly raw: string;
  /** The response lines as written (canonical bytes), without their newlines. */
  readonly lines: string[];
  readonly stderr: string;
}

export function runKernel(input: Buffer, timeoutMs = 60_000, env: NodeJS.ProcessEnv = {}): Promise<ProcessRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'kernel'], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`lockstep kernel did not finish within ${timeoutMs} ms`));
    }, timeoutMs);
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.stdin.on('error', () => {}); // the process may exit (bye) before reading everything
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const raw = Buffer.concat(out).toString('utf8');
      const lines = raw.split('\n');
      if (lines.at(-1) === '') lines.pop();
      resolve({ code, raw, lines, responses: lines.map((l) => JSON.parse(l) as Record<string, unknown>), stderr: Buffer.concat(err).toString('utf8') });
    });
    child.stdin.end(input);
  });
}

/** Builds a session's input: requests get increasing seqs; raw lines go as they are. */
export class Script {
  private readonly parts: Buffer[] = [];
  private seq = 0;
  lines = 0;

  req(body: Record<string, unknown>): number {
    this.seq += 1;
    return this.raw(JSON.stringify({ ...body, seq: this.seq }));
  }

  /** A raw line (a newline is appended). Returns its 0-based response index. */
  raw(line: string | Buffer): number {
    this.parts.push(typeof line === 'string' ? Buffer.from(line) : line, Buffer.from('\n'));
    this.lines += 1;
    return this.lines - 1;
  }

  /** The next seq the script would use (for hand-written raw lines). */
  nextSeq(): number {
    this.seq += 1;
    return this.seq;
  }

  bytes(): Buffer {
    return Buffer.concat(this.parts);
  }
}

/** Every response must be a valid ProtocolResponse. */
export function assertResponsesValid(run: ProcessRun): void {
  run.responses.forEach((r, i) => {
    const checked = validate('ProtocolResponse', r);
    if (!checked.ok) throw new Error(`response ${i} is not a valid ProtocolResponse: ${JSON.stringify(checked.errors)}: ${JSON.stringify(r)}`);
  });
}

export const CONFIG = {
  slot_count: 4,
  seed_capital: 10000,
  seen_event_ids_max: 16,
  reconcile_tolerance: 0.01,
  exchange: { taker_rate: 0.001, maker_rate: 0.0002, fee_calibration_alpha: 0.5 },
  control: { mode: 'backtest', verbosity: 'NORMAL' },
};
