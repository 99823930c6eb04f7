import { answerText, LineReader, Session, type Line } from '../protocol/index.js';
import type { LineSession } from './line-session.js';

/** How the reference engine's in-process session names itself in its hello answer. */
export const REFERENCE_IMPLEMENTATION = { name: 'lockstep-ts-in-process', version: '0.1.0', language: 'typescript' } as const;

/**
 * The reference engine's protocol session, in process: each line goes through
 * the protocol's own line reader (strict UTF-8, `\r` trimming, length bound) and
 * `answerText` (`answerLine` without its newline, which would be copied to strip it), exactly
 * as the server does, minus the streams. The one place the harness touches the protocol module.
 */
export function createReferenceSession(): LineSession {
  const session = new Session(REFERENCE_IMPLEMENTATION);
  const reader = new LineReader();
  const newline = Buffer.from('\n');
  let lineNo = 0;
  return {
    answer(bytes: Uint8Array): readonly string[] {
      if (session.ended) return [];
      const lines: Line[] = [];
      reader.push(Buffer.concat([bytes, newline]), (line) => lines.push(line));
      const answers: string[] = [];
      for (const line of lines) {
        if (session.ended) break;
        lineNo += 1;
        answers.push(answerText(session, line, lineNo));
      }
      return answers;
    },
  };
}
