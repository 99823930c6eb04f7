// The protocol server's I/O edge: read chunks, answer every complete line, write the answers
// of a chunk in one write, and pause reading while the output is backed up. Never waits for
// more input before answering what it has: after each chunk everything answered is written.
import type { Readable, Writable } from 'node:stream';
import { answerLine } from './answer-line.js';
import { LineReader, type Line } from './line-reader.js';
import type { Session } from './session.js';

export interface ServeResult {
  /** Lines answered. */
  readonly lines: number;
  /** Whether the session ended with bye (rather than end of input). */
  readonly bye: boolean;
}

/** Sees every answered line (a journal): `commit` runs before answers are released to output. */
export interface AnswerSink {
  answered(line: Line, answer: string): void;
  commit(): void;
}

export function serve(input: Readable, output: Writable, session: Session, sink?: AnswerSink): Promise<ServeResult> {
  return new Promise((resolve, reject) => {
    const reader = new LineReader();
    let lineNo = 0;
    let out: string[] = [];
    let done = false;

    const onLine = (line: Line): void => {
      if (session.ended) return;
      lineNo += 1;
      const answer = answerLine(session, line, lineNo);
      sink?.answered(line, answer);
      out.push(answer);
    };

    const flush = (): boolean => {
      if (out.length === 0) return true;
      sink?.commit();
      const text = out.length === 1 ? (out[0] as string) : out.join('');
      out = [];
      return output.write(text);
    };

    const finish = (): void => {
      if (done) return;
      done = true;
      input.off('data', onData);
      input.off('end', onEnd);
      input.off('error', onError);
      flush();
      if (session.ended) input.pause();
      output.write('', () => resolve({ lines: lineNo, bye: session.ended }));
    };

    const onData = (chunk: Buffer | string): void => {
      reader.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk, onLine);
      if (session.ended) {
        finish();
        return;
      }
      if (!flush()) {
        input.pause();
        output.once('drain', () => input.resume());
      }
    };
    const onEnd = (): void => {
      reader.end(onLine);
      finish();
    };
    const onError = (e: Error): void => {
      done = true;
      reject(e);
    };

    input.on('data', onData);
    input.on('end', onEnd);
    input.on('error', onError);
  });
}
