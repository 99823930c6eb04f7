// Whether raw line bytes are a valid request as they stand: UTF-8, one JSON value, and
// schema-valid. The harness uses it to tell which raw steps a session could accept (and so
// change its seq), the fuzzer to make sure a line it broke on purpose really is broken.
import { checkRequestSchema } from './read-request.js';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

export function isValidRequestLine(bytes: Uint8Array): boolean {
  let value: unknown;
  try {
    value = JSON.parse(strictUtf8.decode(bytes));
  } catch {
    return false;
  }
  return checkRequestSchema(value).ok;
}
