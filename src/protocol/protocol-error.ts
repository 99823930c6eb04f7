// Error responses: one code enum with a category each (docs/protocol.md, "One line, in order").
import type { ErrorCategory, ErrorCode, ProtocolResponse } from '../../generated/ts/types.js';

const CATEGORY: Readonly<Record<ErrorCode, ErrorCategory>> = {
  LINE_TOO_LONG: 'syntax',
  INVALID_UTF8: 'syntax',
  EMPTY_LINE: 'syntax',
  INVALID_JSON: 'syntax',
  DEPTH_LIMIT_EXCEEDED: 'syntax',
  NUMBER_OUT_OF_RANGE: 'syntax',
  FORBIDDEN_KEY: 'schema',
  SCHEMA_VIOLATION: 'schema',
  DUPLICATE_SEQ: 'protocol',
  SEQ_OUT_OF_ORDER: 'protocol',
  HANDSHAKE_REQUIRED: 'protocol',
  UNSUPPORTED_PROTOCOL_VERSION: 'protocol',
  NOT_CONFIGURED: 'protocol',
  INTERNAL_ERROR: 'internal',
};

/** What went wrong with one line, before it is tied to a line number and seq. */
export interface LineFault {
  readonly code: ErrorCode;
  readonly path: string;
  readonly message: string;
  readonly keyword?: string;
}

export function fault(code: ErrorCode, path: string, message: string, keyword?: string): LineFault {
  return keyword === undefined ? { code, path, message } : { code, path, message, keyword };
}

/** Keep a message within the schema's Text bound (512 characters). */
function bounded(message: string): string {
  return message.length <= 512 ? message : `${message.slice(0, 509)}...`;
}

export function errorResponse(f: LineFault, line: number, seq: number | undefined): ProtocolResponse {
  const where = f.path === '' ? `line ${line}` : `line ${line}, ${f.path}`;
  const error: Extract<ProtocolResponse, { op: 'error' }>['error'] = {
    code: f.code,
    category: CATEGORY[f.code],
    line,
    path: f.path,
    message: bounded(`${f.message} (${where})`),
  };
  if (f.keyword !== undefined) error.keyword = f.keyword;
  return seq === undefined ? { op: 'error', error } : { op: 'error', seq, error };
}
