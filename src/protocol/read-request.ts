// Checks 3 to 8 of docs/protocol.md on one decoded line: empty, JSON, lone surrogates, depth,
// numbers, forbidden keys, then the schema. The schema's validator comes from the protocol
// edge's own generated module (the same compiled code validators.js holds for ProtocolRequest),
// so a kernel server loads ~0.4 MB of validators instead of the ~2.7 MB for every contract: that
// parse was half of a TS server's start-up, paid once per session the parity job cannot share.
import { ProtocolRequest as compiledRequest } from '../../generated/ts/protocol-validators.js';
import type { ProtocolRequest } from '../../generated/ts/types.js';
import type { ContractError } from '../contracts/contract-error.js';
import { toContractError } from '../contracts/error-report.js';
import { fault, type LineFault } from './protocol-error.js';
import { firstForbiddenKey, hasLoneSurrogate, walkLine, WalkFinding } from './json-walk.js';
import { ERROR_CODE } from '../../generated/ts/protocol-edge.js';

export type ReadResult =
  | { readonly ok: true; readonly request: ProtocolRequest }
  | { readonly ok: false; readonly fault: LineFault; readonly seq: number | undefined };

const BLANK = /^[ \t\r]*$/;

export type RequestSchemaResult =
  | { readonly ok: true; readonly request: ProtocolRequest }
  | { readonly ok: false; readonly error: ContractError };

const NOT_A_REQUEST: ContractError = { path: '', keyword: 'unknown', message: 'invalid at the root' };

/** Check 8 alone: a parsed value against the ProtocolRequest schema, with its first error. */
export function checkRequestSchema(value: unknown): RequestSchemaResult {
  if (compiledRequest(value)) return { ok: true, request: value };
  const first = compiledRequest.errors?.[0];
  return { ok: false, error: first === undefined ? NOT_A_REQUEST : toContractError(first) };
}

/** The seq to echo on an error: an integer in [0, 2^53 - 1] on an object, else none. */
export function echoSeq(value: unknown): number | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const seq = (value as { seq?: unknown }).seq;
  return typeof seq === 'number' && Number.isInteger(seq) && seq >= 0 && seq <= Number.MAX_SAFE_INTEGER ? seq : undefined;
}

function refuse(f: LineFault, value?: unknown): ReadResult {
  return { ok: false, fault: f, seq: value === undefined ? undefined : echoSeq(value) };
}

/** What JSON.parse said (it may quote the line, cut inside a character: message.ts mends that). */
function syntaxDetail(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export function readRequest(text: string): ReadResult {
  if (BLANK.test(text)) return refuse(fault(ERROR_CODE.EMPTY_LINE, ''));
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return refuse(fault(ERROR_CODE.INVALID_JSON, '', { detail: syntaxDetail(e) }));
  }
  // A lone surrogate can only come from a \u escape (the bytes are valid UTF-8).
  if (text.includes('\\u') && hasLoneSurrogate(value)) {
    return refuse(fault(ERROR_CODE.INVALID_JSON, '', { detail: 'a string holds a lone UTF-16 surrogate escape' }));
  }
  const finding = walkLine(value);
  if (finding === WalkFinding.DepthExceeded) {
    return refuse(fault(ERROR_CODE.DEPTH_LIMIT_EXCEEDED, ''), value);
  }
  if (finding === WalkFinding.NumberOutOfRange) {
    return refuse(fault(ERROR_CODE.NUMBER_OUT_OF_RANGE, ''), value);
  }
  if (finding === WalkFinding.ForbiddenKey) {
    const path = firstForbiddenKey(value) ?? '';
    return refuse(fault(ERROR_CODE.FORBIDDEN_KEY, path), value);
  }
  const checked = checkRequestSchema(value);
  if (!checked.ok) return refuse(fault(ERROR_CODE.SCHEMA_VIOLATION, checked.error.path, { detail: checked.error.message }, checked.error.keyword), value);
  return { ok: true, request: checked.request };
}
