// What a step record holds as its response: the canonical response line, except that a hello's
// implementation is recorded as `*` (the header names the writer), so two implementations of
// one session write the same chain. The Rust twin is rust-kernel/src/journal/recorded_response.rs.
import { canonicalize } from '../canonical/index.js';
import { RECORDED_IMPLEMENTATION } from './journal-format.js';

/** Only a hello response's canonical text starts with its capabilities. */
const HELLO_PREFIX = '{"capabilities":';

/** The recorded form of a canonical response line (without its `\n`). */
export function recordedResponse(response: string): string {
  if (!response.startsWith(HELLO_PREFIX)) return response;
  const value = JSON.parse(response) as Record<string, unknown>;
  if (value['op'] !== 'hello' || typeof value['implementation'] !== 'object') return response;
  return canonicalize({ ...value, implementation: { ...RECORDED_IMPLEMENTATION } });
}
