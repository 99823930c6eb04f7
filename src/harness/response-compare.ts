import { canonicalize, parseJson } from '../canonical/index.js';
import { baselineTextAt, type BaselineResponse } from './baseline-response.js';
import { firstDifference, type Difference } from './first-difference.js';
import type { FixtureFrame } from './session-frame.js';

/** A difference, with what made the response unreadable when it was not JSON or not canonical. */
export interface ResponseDifference extends Difference {
  readonly note?: string;
}

type Json = Record<string, unknown>;

/** docs/protocol.md: error responses compare on these fields; `message` is for people. */
function errorIdentity(response: Json): Json {
  const error = (response.error ?? {}) as Json;
  const identity: Json = { code: error.code, category: error.category, line: error.line, path: error.path };
  if (error.keyword !== undefined) identity.keyword = error.keyword;
  return { op: response.op, seq: response.seq, error: identity };
}

/** The hello response names its implementation; only version and capabilities compare. */
function helloIdentity(response: Json): Json {
  return { op: response.op, seq: response.seq, protocol_version: response.protocol_version, capabilities: response.capabilities };
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The response moved back into its fixture's fresh-session frame. */
function toFixtureFrame(response: Json, frame: FixtureFrame, shiftsSeq: boolean): Json {
  const moved: Json = { ...response };
  if (shiftsSeq && typeof moved.seq === 'number') moved.seq -= frame.seqOffset;
  if (moved.op === 'error' && isObject(moved.error) && typeof moved.error.line === 'number') {
    moved.error = { ...moved.error, line: moved.error.line - frame.lineBase };
  }
  return moved;
}

function identity(response: Json, op: unknown): Json {
  if (op === 'error') return errorIdentity(response);
  if (op === 'hello') return helloIdentity(response);
  return response;
}

/**
 * Compares one response line of an implementation with its baseline.
 * `shiftsSeq` says whether the request answered was relocated (configure and
 * request steps) or written as raw bytes (whose seq, if any, is its own).
 * The fast path is a string comparison; only a line that differs is parsed.
 */
export function compareResponse(
  baseline: BaselineResponse,
  actualLine: string,
  frame: FixtureFrame,
  shiftsSeq: boolean,
): ResponseDifference | undefined {
  if (baseline.kind === 'other') {
    const text = shiftsSeq ? baselineTextAt(baseline, frame.seqOffset) : baseline.canonical;
    if (text !== undefined && actualLine === text) return undefined;
  }
  let parsed: unknown;
  try {
    parsed = parseJson(actualLine);
  } catch (error) {
    return { pointer: '', expected: baseline.value, actual: actualLine, note: `not JSON: ${(error as Error).message}` };
  }
  if (!isObject(parsed)) return { pointer: '', expected: baseline.value, actual: parsed, note: 'not a JSON object' };
  const actual = toFixtureFrame(parsed, frame, shiftsSeq);
  const op = baseline.value.op;
  const compareAs = op === actual.op ? op : undefined;
  const found = firstDifference(identity(baseline.value, compareAs), identity(actual, compareAs));
  if (found) return found;
  if (compareAs === 'error' || compareAs === 'hello') return undefined;
  if (canonicalize(parsed) !== actualLine) {
    return { pointer: '', expected: canonicalize(parsed), actual: actualLine, note: 'not canonical JSON (RFC 8785)' };
  }
  return undefined;
}
