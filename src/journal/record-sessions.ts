// Writes a journal of whole sessions answered in process by the reference engine, exactly as
// `lockstep kernel --journal` records them (same line reader, same answers, same records): how
// the golden journals are made. Sessions that do not end with bye are separated by a recovered
// record of 0 bytes, as a restarted server writes it.
import { existsSync, rmSync } from 'node:fs';
import { answerLine, LineReader, Session, type Line } from '../protocol/index.js';
import type { DurabilityPolicy } from './durability.js';
import { openForAppend } from './open-for-append.js';
import pkg from '../../package.json' with { type: 'json' };

export const REFERENCE_WRITER = { name: 'lockstep', version: pkg.version, language: 'typescript' } as const;

export interface RecordOptions {
  readonly checkpointInterval?: number;
  readonly policy?: DurabilityPolicy;
  readonly buildId?: string;
}

/** Replaces `path` with a sealed journal of `sessions` (each a list of request lines without `\n`). */
export function recordSessions(path: string, sessions: Iterable<readonly Uint8Array[]>, o: RecordOptions = {}): void {
  if (existsSync(path)) rmSync(path);
  const buildId = o.buildId ?? 'golden';
  const writer = openForAppend(path, {
    implementation: REFERENCE_WRITER,
    policy: o.policy ?? 'none',
    buildId,
    ...(o.checkpointInterval !== undefined ? { checkpointInterval: o.checkpointInterval } : {}),
  });
  let previousEnded = true;
  const newline = Buffer.from('\n');
  for (const lines of sessions) {
    if (!previousEnded) writer.appendRecovered(buildId);
    const session = new Session(REFERENCE_WRITER);
    const reader = new LineReader();
    let lineNo = 0;
    const onLine = (line: Line): void => {
      if (session.ended) return;
      lineNo += 1;
      const answer = answerLine(session, line, lineNo);
      if (typeof line === 'string') writer.appendStep(line, answer.slice(0, -1));
      else writer.appendLineFault(line.fault, answer.slice(0, -1));
    };
    for (const bytes of lines) reader.push(Buffer.concat([bytes, newline]), onLine);
    writer.commit();
    previousEnded = session.ended;
  }
  writer.seal();
  writer.close();
}
