/**
 * The no-crash property through real server processes: hostile sessions (hostile-session.ts)
 * go to the TypeScript server (and the Rust one when given); every line must get exactly one
 * answer, every answer must be canonical JSON, each process must exit 0 at end of input, and
 * the two servers must agree: error answers on the fields parity compares (from
 * schemas/data/protocol.edge.json), hello answers likewise, every other answer byte for byte.
 * Sessions run back to back in one process per batch (seqs keep rising), so a batch of
 * thousands of sessions costs one process start.
 */
import { spawn } from 'node:child_process';
import { PARITY_ERROR_FIELDS, PARITY_HELLO_FIELDS } from '../../generated/ts/protocol-edge.js';
import { canonicalize, parseJson } from '../canonical/index.js';
import { hostileSession, seededRng } from './hostile-session.js';

/** A server to run: the program and its arguments. */
export interface ServerCommand {
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd?: string;
}

export interface SoakOptions {
  readonly seed: number;
  readonly sessions: number;
  readonly sessionsPerProcess: number;
  /** Stop starting batches after this many milliseconds (the batch under way finishes). */
  readonly timeBudgetMs: number;
  readonly reference: ServerCommand;
  readonly other?: ServerCommand;
  /** Kill a process that has not finished its batch after this long. */
  readonly processTimeoutMs?: number;
}

export interface SoakReport {
  readonly sessions: number;
  readonly lines: number;
  readonly batches: number;
  readonly elapsedMs: number;
  /** Problems found, each naming the batch seed, the server and the line. */
  readonly failures: readonly string[];
}

interface Run {
  readonly code: number | null;
  readonly lines: string[];
  readonly stderr: string;
}

function runServer(server: ServerCommand, input: Buffer, timeoutMs: number): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(server.command, [...server.args], { cwd: server.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.stdin.on('error', () => {});
    child.on('error', (e) => err.push(Buffer.from(String(e))));
    child.on('close', (code) => {
      clearTimeout(timer);
      const lines = Buffer.concat(out).toString('utf8').split('\n');
      if (lines.at(-1) === '') lines.pop();
      resolve({ code, lines, stderr: Buffer.concat(err).toString('utf8') });
    });
    child.stdin.end(input);
  });
}

function field(value: unknown, dotted: string): unknown {
  let v = value;
  for (const key of dotted.split('.')) v = typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[key] : undefined;
  return v;
}

/** What parity compares of one answer: the listed fields of errors and hellos, else every byte. */
export function answerIdentity(line: string): string {
  let value: unknown;
  try {
    value = parseJson(line);
  } catch {
    return line;
  }
  const op = field(value, 'op');
  const fields = op === 'error' ? PARITY_ERROR_FIELDS : op === 'hello' ? PARITY_HELLO_FIELDS : undefined;
  if (fields === undefined) return line;
  return JSON.stringify(fields.map((f) => [f, field(value, f) ?? null]));
}

/** Problems of one server's run: exit code, answer count, canonical bytes. */
function checkRun(name: string, run: Run, expected: number, where: string): string[] {
  const found: string[] = [];
  if (run.code !== 0) found.push(`${where}: ${name} exited with ${run.code}${run.stderr === '' ? '' : `: ${run.stderr.trim().split('\n')[0]}`}`);
  if (run.lines.length < expected) found.push(`${where}: ${name}: no answer to line ${run.lines.length + 1} (of ${expected})`);
  if (run.lines.length > expected) found.push(`${where}: ${name}: ${run.lines.length} answers to ${expected} lines`);
  for (const [i, line] of run.lines.entries()) {
    let canonical: string | undefined;
    try {
      canonical = canonicalize(parseJson(line));
    } catch {
      canonical = undefined;
    }
    if (canonical !== line) {
      found.push(`${where}: ${name}: answer to line ${i + 1} is not canonical JSON: ${line.slice(0, 200)}`);
      break;
    }
  }
  return found;
}

function compareRuns(a: ServerCommand, ra: Run, b: ServerCommand, rb: Run, input: readonly Buffer[], where: string): string[] {
  const n = Math.min(ra.lines.length, rb.lines.length);
  for (let i = 0; i < n; i++) {
    if (answerIdentity(ra.lines[i]!) !== answerIdentity(rb.lines[i]!)) {
      const request = input[i]!.toString('utf8').slice(0, 300);
      return [`${where}: line ${i + 1} answered differently\n  request: ${request}\n  ${a.name}: ${ra.lines[i]!.slice(0, 400)}\n  ${b.name}: ${rb.lines[i]!.slice(0, 400)}`];
    }
  }
  return [];
}

/** One batch: `count` sessions from `seed`, through both servers. */
async function soakBatch(opts: SoakOptions, seed: number, count: number): Promise<{ lines: number; failures: string[] }> {
  const r = seededRng(seed);
  const input: Buffer[] = [];
  for (let s = 0; s < count; s++) input.push(...hostileSession(r, input.length * 2));
  const bytes = Buffer.concat(input.flatMap((line) => [line, Buffer.from('\n')]));
  const timeout = opts.processTimeoutMs ?? 600_000;
  const where = `batch seed ${seed} (${count} sessions)`;
  const [ra, rb] = await Promise.all([
    runServer(opts.reference, bytes, timeout),
    opts.other === undefined ? undefined : runServer(opts.other, bytes, timeout),
  ]);
  const failures = checkRun(opts.reference.name, ra, input.length, where);
  if (opts.other !== undefined && rb !== undefined) {
    failures.push(...checkRun(opts.other.name, rb, input.length, where));
    failures.push(...compareRuns(opts.reference, ra, opts.other, rb, input, where));
  }
  return { lines: input.length, failures };
}

/** Runs batches until `sessions` sessions ran, the time budget is spent, or a batch fails. */
export async function soakProtocol(opts: SoakOptions, progress: (report: SoakReport) => void = () => {}): Promise<SoakReport> {
  const start = Date.now();
  let sessions = 0;
  let lines = 0;
  let batches = 0;
  const failures: string[] = [];
  while (sessions < opts.sessions && failures.length === 0 && Date.now() - start < opts.timeBudgetMs) {
    const count = Math.min(opts.sessionsPerProcess, opts.sessions - sessions);
    const batch = await soakBatch(opts, (opts.seed + batches * 7919) >>> 0, count);
    sessions += count;
    lines += batch.lines;
    batches += 1;
    failures.push(...batch.failures);
    progress({ sessions, lines, batches, elapsedMs: Date.now() - start, failures });
  }
  return { sessions, lines, batches, elapsedMs: Date.now() - start, failures };
}
