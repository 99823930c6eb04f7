import { PARITY_ERROR_FIELDS, PARITY_HELLO_FIELDS } from '../../generated/ts/protocol-edge.js';
import { canonicalize, parseJson } from '../canonical/index.js';
import { matchesTextAt, type BaselineResponse } from './baseline-response.js';
import { firstDifference, type Difference } from './first-difference.js';
import type { FixtureFrame } from './session-frame.js';

/** A difference, with what made the response unreadable when it was not JSON or not canonical. */
export interface ResponseDifference extends Difference {
  readonly note?: string;
}

type Json = Record<string, unknown>;

/** The fields a response compares on (dotted paths), as an object holding only those. */
function pick(response: Json, fields: readonly string[]): Json {
  const out: Json = {};
  for (const dotted of fields) {
    const keys = dotted.split('.');
    let from: unknown = response;
    let to = out;
    keys.forEach((key, i) => {
      from = isObject(from) ? from[key] : undefined;
      if (from === undefined) return;
      if (i === keys.length - 1) to[key] = from;
      else to = (isObject(to[key]) ? to[key] : (to[key] = {})) as Json;
    });
  }
  return out;
}

/** docs/protocol.md: error responses compare on the fields of schemas/data/protocol.edge.json; `message` is for people. */
function errorIdentity(response: Json): Json {
  return pick(response, PARITY_ERROR_FIELDS);
}

/** The hello response names its implementation; only the table's hello fields compare. */
function helloIdentity(response: Json): Json {
  return pick(response, PARITY_HELLO_FIELDS);
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
 * The fast path is a string comparison (for errors and hellos, in the fixture's own frame
 * only: elsewhere their line numbers move); only a line that differs is parsed.
 */
export function compareResponse(
  baseline: BaselineResponse,
  actualLine: string,
  frame: FixtureFrame,
  shiftsSeq: boolean,
): ResponseDifference | undefined {
  if (baseline.kind === 'other') {
    if (matchesTextAt(baseline, actualLine, shiftsSeq ? frame.seqOffset : 0) === true) return undefined;
  } else if (frame.lineBase === 0 && (!shiftsSeq || frame.seqOffset === 0) && actualLine === baseline.canonical) {
    // In the fixture's own frame nothing is moved: the same bytes are the same fields.
    return undefined;
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
  // Whatever its fields, an answer must be canonical bytes: errors and hellos included.
  if (canonicalize(parsed) !== actualLine) {
    return { pointer: '', expected: canonicalize(parsed), actual: actualLine, note: 'not canonical JSON (RFC 8785)' };
  }
  return undefined;
}
