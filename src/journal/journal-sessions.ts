// The protocol sessions a journal holds, as the request lines to send again. A session ends
// with an answered bye or where the journal was reopened (a recovered record: a new process).
import type { JournalRecord } from '../../generated/ts/types.js';
import { LINE_BYTES_MAX } from '../protocol/limits.js';
import { NOT_UTF8 } from '../protocol/line-reader.js';
import type { LineFaultCode } from './journal-writer.js';

/** One request line to send and the record that holds its recorded answer. */
export interface ReplayStep {
  readonly index: number;
  readonly line: Buffer;
  /** The recorded response: canonical JSON text. */
  readonly response: string;
}

/** Bytes that draw the same answer as the line a line_fault record stands for. */
export function faultLine(fault: LineFaultCode): Buffer {
  return fault === (NOT_UTF8 as Exclude<typeof NOT_UTF8, string>).fault ? Buffer.from([0xff]) : Buffer.alloc(LINE_BYTES_MAX + 1, 0x78);
}

/** Groups records into sessions; `response` texts are the canonical JSON of each recorded response. */
export class SessionSplitter {
  private current: ReplayStep[] = [];
  readonly sessions: ReplayStep[][] = [];

  constructor(private readonly onSession?: (steps: ReplayStep[]) => void) {}

  push(record: JournalRecord, responseText: () => string): void {
    if (record.kind === 'recovered') return this.cut();
    if (record.kind !== 'step' && record.kind !== 'line_fault') return;
    const line = record.kind === 'step' ? Buffer.from(record.request, 'utf8') : faultLine(record.request_fault);
    this.current.push({ index: record.index, line, response: responseText() });
    if (record.response.op === 'bye') this.cut();
  }

  end(): void {
    this.cut();
  }

  private cut(): void {
    if (this.current.length === 0) return;
    if (this.onSession !== undefined) this.onSession(this.current);
    else this.sessions.push(this.current);
    this.current = [];
  }
}

/** The canonical response text inside a step or line_fault line (it ends the record). */
export function responseTextOf(bytes: Buffer): string {
  const text = bytes.toString('utf8');
  // The request before it is a JSON string (its quotes escaped): the first match is the key.
  const at = text.indexOf(',"response":');
  return text.slice(at + ',"response":'.length, -1);
}
