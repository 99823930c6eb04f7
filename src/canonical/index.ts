/** Canonical JSON (RFC 8785) and the strict JSON parser used for fixtures and journals. */
export { canonicalize } from './canonicalize.js';
export { CanonicalJsonError, canonicalJsonErrorCodes, type CanonicalJsonErrorCode } from './canonical-json-error.js';
export { parseJson } from './parse-json.js';
export { JsonParseError, jsonParseErrorCodes, type JsonParseErrorCode, type TextPosition } from './json-parse-error.js';
export { jsonPointer, type PathSegment } from './json-pointer.js';
export { JSON_DEPTH_MAX } from './limits.js';
export { cutText } from './cut-text.js';
