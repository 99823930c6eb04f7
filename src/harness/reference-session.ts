import type { LineSession } from './line-session.js';

/**
 * The reference engine's protocol session, in process. Adapter over the
 * protocol module's session handler; the one place the harness touches it.
 */
export function createReferenceSession(): LineSession {
  throw new Error('the in-process protocol session (src/protocol/) is not available yet');
}
