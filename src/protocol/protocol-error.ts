// Error responses: one code enum with a category each, from schemas/data/protocol.edge.json
// (docs/protocol.md, "One line, in order").
import type { ErrorCode, ProtocolResponse } from '../../generated/ts/types.js';
import { ERROR_CODE, ERROR_CATEGORY, FALLBACK_MESSAGE } from '../../generated/ts/protocol-edge.js';
import { canonicalize } from '../canonical/index.js';
import { errorMessage, locatedMessage, type MessageValues } from './message.js';

/** What went wrong with one line, before it is tied to a line number and seq. */
export interface LineFault {
  readonly code: ErrorCode;
  readonly path: string;
  readonly message: string;
  readonly keyword?: string;
}

/** A fault whose message is the code's template with `values` filled in. */
export function fault(code: ErrorCode, path: string, values: MessageValues = {}, keyword?: string): LineFault {
  const message = errorMessage(code, values);
  return keyword === undefined ? { code, path, message } : { code, path, message, keyword };
}

export function errorResponse(f: LineFault, line: number, seq: number | undefined): ProtocolResponse {
  const error: Extract<ProtocolResponse, { op: 'error' }>['error'] = {
    code: f.code,
    category: ERROR_CATEGORY[f.code],
    line,
    path: f.path,
    message: locatedMessage(f.message, line, f.path),
  };
  if (f.keyword !== undefined) error.keyword = f.keyword;
  return seq === undefined ? { op: 'error', error } : { op: 'error', seq, error };
}

/**
 * The last resort of a line whose answer could not be written: an INTERNAL_ERROR from data
 * alone (a fixed ASCII message, the line number, a safe-integer seq), which canonical JSON
 * cannot refuse.
 */
export function fallbackText(line: number, seq: number | undefined): string {
  const safeSeq = seq !== undefined && Number.isSafeInteger(seq) && seq >= 0 ? seq : undefined;
  return canonicalize(errorResponse({ code: ERROR_CODE.INTERNAL_ERROR, path: '', message: FALLBACK_MESSAGE }, line, safeSeq));
}
