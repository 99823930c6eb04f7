// The protocol server's hook into a journal: each answered line becomes a record, committed
// (by the writer's policy) before the server releases the answers.
import type { AnswerSink, Line } from '../protocol/index.js';
import type { JournalWriter } from './journal-writer.js';

export function journalSink(writer: JournalWriter): AnswerSink {
  return {
    answered(line: Line, answer: string): void {
      const response = answer.endsWith('\n') ? answer.slice(0, -1) : answer;
      if (typeof line === 'string') writer.appendStep(line, response);
      else writer.appendLineFault(line.fault, response);
    },
    commit(): void {
      writer.commit();
    },
  };
}
