// One line in, one canonical response line out (checks 1 to 12 of docs/protocol.md).
import type { ProtocolResponse } from '../../generated/ts/types.js';
import { canonicalize } from '../canonical/index.js';
import { errorResponse, fallbackText, fault } from './protocol-error.js';
import type { Line } from './line-reader.js';
import { readRequest } from './read-request.js';
import { FastJsonUnsupported, stepResponseJson } from './step-result-json.js';
import type { Session } from './session.js';
import { ERROR_CODE } from '../../generated/ts/protocol-edge.js';

export function responseTo(session: Session, line: Line, lineNo: number): ProtocolResponse {
  if (typeof line !== 'string') {
    return line.fault === ERROR_CODE.LINE_TOO_LONG
      ? errorResponse(fault(ERROR_CODE.LINE_TOO_LONG, ''), lineNo, undefined)
      : errorResponse(fault(ERROR_CODE.INVALID_UTF8, ''), lineNo, undefined);
  }
  const read = readRequest(line);
  if (!read.ok) return errorResponse(read.fault, lineNo, read.seq);
  return session.handle(read.request, lineNo);
}

/** Canonical JSON of a response: step results by the typed writer, the rest by canonicalize. */
export function responseJson(response: ProtocolResponse): string {
  if ('result' in response) {
    try {
      return stepResponseJson(response.op, response.seq, response.result);
    } catch (e) {
      if (!(e instanceof FastJsonUnsupported)) throw e;
      // canonicalize names the offending value (and throws) or writes what the fast path could not.
    }
  }
  return canonicalize(response);
}

/** The seq an answer echoes, for an INTERNAL_ERROR in its place. */
function seqOf(response: ProtocolResponse | undefined): number | undefined {
  return response !== undefined && 'seq' in response ? response.seq : undefined;
}

/**
 * The response as its canonical JSON line (with the trailing newline). Never throws: whatever
 * goes wrong answering the line (a kernel bug, an unserialisable value) becomes an
 * INTERNAL_ERROR for this line and the session goes on; if even that cannot be written, the
 * fallback built from data alone is. `answered` receives the response object of an answer
 * written in full (an in-process caller that reads the answer need not parse its text again).
 */
export function answerLine(session: Session, line: Line, lineNo: number, answered?: (response: ProtocolResponse) => void): string {
  return `${answerText(session, line, lineNo, answered)}\n`;
}

/**
 * `answerLine` without the newline, for in-process callers that keep answers as texts:
 * stripping the newline again would copy every answer (a sliced concatenation is flattened).
 */
export function answerText(session: Session, line: Line, lineNo: number, answered?: (response: ProtocolResponse) => void): string {
  let response: ProtocolResponse | undefined;
  let text: string;
  try {
    response = responseTo(session, line, lineNo);
    text = responseJson(response);
  } catch (e) {
    try {
      const detail = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
      return canonicalize(errorResponse(fault(ERROR_CODE.INTERNAL_ERROR, '', { detail }), lineNo, seqOf(response)));
    } catch {
      return fallbackText(lineNo, seqOf(response));
    }
  }
  // Outside the try: what the caller does with the response is no part of answering the line.
  answered?.(response);
  return text;
}
