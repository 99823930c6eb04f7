/**
 * A protocol session served in process: one input line (without its `\n`) in,
 * the response lines out (one per line; none once the session has ended with
 * `bye`). The in-process implementation drives the reference engine through
 * this, on the same bytes a process would read.
 */
export interface LineSession {
  answer(line: Uint8Array): readonly string[];
}

export type LineSessionFactory = () => LineSession;
