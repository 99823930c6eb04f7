// The kill test: a kernel appending to a journal under load is killed with SIGKILL at random
// (seeded) moments, again and again on the same file. After each kill the journal must be clean
// or torn only at its tail, every answer the client received must have its record (with the
// same response), and reopening must recover it. Nothing but the torn tail may ever be lost.
import { spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { forEachRecord } from './journal-records.js';
import { scanJournal } from './journal-scan.js';
import { recordedResponse } from './recorded-response.js';
import { responseTextOf } from './journal-sessions.js';

export interface KillSoakOptions {
  /** The kernel command and its arguments (without --journal). */
  readonly command: readonly string[];
  readonly journal: string;
  readonly kills: number;
  readonly seed: number;
  /** Longest wait before a kill, in ms. */
  readonly delayMaxMs?: number;
}

export interface KillSoakResult {
  readonly kills: number;
  /** Answers received across all runs: each one had to be found in the journal. */
  readonly answersChecked: number;
  /** Runs whose kill left a torn tail (cut aside by the next open). */
  readonly tornTails: number;
  readonly failures: readonly string[];
}

const CONFIG =
  '{"control":{"mode":"backtest","verbosity":"NORMAL"},"exchange":{"fee_calibration_alpha":0.2,"maker_rate":0.0002,"taker_rate":0.0005},"reconcile_tolerance":0.01,"seed_capital":10000,"seen_event_ids_max":64,"slot_count":2}';

function nextRandom(state: { a: number }): number {
  state.a = (state.a + 0x6d2b79f5) >>> 0;
  let t = state.a;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/** A session's request text from line `n` on (hello, configure, then mark prices). */
function requestLines(from: number, count: number): string {
  let out = '';
  for (let n = from; n < from + count; n += 1) {
    if (n === 0) out += '{"op":"hello","seq":0,"protocol_version":"1.0"}\n';
    else if (n === 1) out += `{"op":"configure","seq":1,"config":${CONFIG}}\n`;
    else out += `{"op":"mark_price","seq":${n},"asset":"BTC-USDT","price":${100 + (n % 50)},"ts":${1700000000000 + n}}\n`;
  }
  return out;
}

/** Runs the kernel until killed; resolves to the answers it sent. */
function runOnce(o: KillSoakOptions, delayMs: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const [cmd, ...args] = o.command;
    const child = spawn(cmd as string, [...args, '--journal', o.journal], { stdio: ['pipe', 'pipe', 'pipe'] });
    const answers: string[] = [];
    let partial = '';
    let sent = 0;
    const feed = (): void => {
      while (child.stdin.writable && child.stdin.write(requestLines(sent, 64))) sent += 64;
      sent += 64;
    };
    child.stdin.on('drain', feed);
    child.stdin.on('error', () => {});
    child.stdout.on('data', (chunk: Buffer) => {
      const text = partial + chunk.toString('utf8');
      const parts = text.split('\n');
      partial = parts.pop() ?? '';
      answers.push(...parts);
    });
    child.on('error', reject);
    child.on('close', () => resolve(answers));
    feed();
    setTimeout(() => child.kill('SIGKILL'), delayMs);
  });
}

/** The recorded responses of the last run: the step records after the last header or recovered record. */
function lastRunResponses(path: string): string[] {
  let out: string[] = [];
  forEachRecord(path, ({ position, record, bytes }) => {
    if (position === 0 || record.kind === 'recovered') out = [];
    else if (record.kind === 'step' || record.kind === 'line_fault') out.push(responseTextOf(bytes));
  });
  return out;
}

export async function killSoak(o: KillSoakOptions): Promise<KillSoakResult> {
  if (existsSync(o.journal)) rmSync(o.journal);
  const random = { a: o.seed >>> 0 };
  const failures: string[] = [];
  let answersChecked = 0;
  let tornTails = 0;
  for (let kill = 1; kill <= o.kills && failures.length < 10; kill += 1) {
    const answers = await runOnce(o, Math.floor(nextRandom(random) * (o.delayMaxMs ?? 40)));
    if (!existsSync(o.journal)) {
      if (answers.length > 0) failures.push(`kill ${kill}: ${answers.length} answers but no journal`);
      continue;
    }
    const d = scanJournal(o.journal, 'full').decision;
    if (d.case === 'damaged') failures.push(`kill ${kill}: ${d.damage?.reason} at record ${d.damage?.index} (byte ${d.damage?.offset})`);
    if (d.case === 'torn_tail') tornTails += 1;
    const recorded = lastRunResponses(o.journal);
    if (recorded.length < answers.length) failures.push(`kill ${kill}: ${answers.length} answers received, ${recorded.length} recorded`);
    for (let i = 0; i < Math.min(answers.length, recorded.length); i += 1) {
      if (recordedResponse(answers[i] as string) !== recorded[i]) {
        failures.push(`kill ${kill}: answer ${i + 1} differs from its record`);
        break;
      }
    }
    answersChecked += answers.length;
  }
  return { kills: o.kills, answersChecked, tornTails, failures };
}
