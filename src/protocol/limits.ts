// Named bounds of the wire protocol (docs/protocol.md); the Rust kernel uses the same names.
export { JSON_DEPTH_MAX } from '../canonical/index.js';

/** Longest request line, in bytes, without its `\n` (and one trailing `\r`). */
export const LINE_BYTES_MAX = 8 * 1024 * 1024;

/** The protocol version this implementation speaks; a client's major must equal ours. */
export const PROTOCOL_VERSION = '1.0';
export const PROTOCOL_MAJOR = 1;

/** Object keys refused anywhere in a request (prototype pollution in JavaScript consumers). */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
