// One line in, one canonical response line out (checks 1 to 12 of docs/protocol.md).
import type { ProtocolResponse } from '../../generated/ts/types.js';
import { canonicalize } from '../canonical/index.js';
import { errorResponse, fault } from './protocol-error.js';
import { LINE_BYTES_MAX } from './limits.js';
import type { Line } from './line-reader.js';
import { readRequest } from './read-request.js';
import { FastJsonUnsupported, stepResponseJson } from './step-result-json.js';
import type { Session } from './session.js';

export function responseTo(session: Session, line: Line, lineNo: number): ProtocolResponse {
  if (typeof line !== 'string') {
    return line.fault === 'LINE_TOO_LONG'
      ? errorResponse(fault('LINE_TOO_LONG', '', `line is longer than line_bytes_max = ${LINE_BYTES_MAX} bytes`), lineNo, undefined)
      : errorResponse(fault('INVALID_UTF8', '', 'line is not valid UTF-8'), lineNo, undefined);
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

/** The response as its canonical JSON line (with the trailing newline). */
export function answerLine(session: Session, line: Line, lineNo: number): string {
  const response = responseTo(session, line, lineNo);
  try {
    return `${responseJson(response)}\n`;
  } catch (e) {
    // A response that cannot be canonicalised (a non-finite number from a kernel bug) is an
    // internal error, never a crash.
    const message = e instanceof Error ? e.message : String(e);
    const seq = 'seq' in response ? response.seq : undefined;
    return `${canonicalize(errorResponse(fault('INTERNAL_ERROR', '', `response not serialisable: ${message}`), lineNo, seq))}\n`;
  }
}
