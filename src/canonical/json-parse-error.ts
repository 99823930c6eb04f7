import { jsonPointer, type PathSegment } from './json-pointer.js';

/** Why `parseJson` refused a text. */
export const jsonParseErrorCodes = [
  /** Not RFC 8259 JSON: unexpected character or end, bad escape, raw control character, bad number, trailing content, a byte order mark. */
  'SYNTAX',
  /** An object repeats a key (JSON.parse would silently keep the last one). */
  'DUPLICATE_KEY',
  /** A `\uD800`-`\uDFFF` escape (or raw code unit) that is not half of a surrogate pair. */
  'LONE_SURROGATE',
  /** A number whose magnitude is beyond binary64 (`1e400`); JSON.parse would make it Infinity. */
  'NUMBER_OUT_OF_RANGE',
  /** An integer literal (no fraction, no exponent) beyond 2^53-1: binary64 would silently round it. */
  'UNSAFE_INTEGER',
  /** Arrays and objects nested deeper than `JSON_DEPTH_MAX`. */
  'DEPTH_LIMIT_EXCEEDED',
] as const;

export type JsonParseErrorCode = (typeof jsonParseErrorCodes)[number];

/** Where in the text an error was found. */
export interface TextPosition {
  /** 1-based line (lines end at `\n`). */
  line: number;
  /** 1-based column, counted in Unicode code points from the start of the line. */
  column: number;
  /** 0-based UTF-16 offset into the text. */
  offset: number;
}

/** Thrown by `parseJson`; the message ends with line, column and the JSON pointer. */
export class JsonParseError extends Error {
  override readonly name = 'JsonParseError';
  readonly code: JsonParseErrorCode;
  readonly line: number;
  readonly column: number;
  readonly offset: number;
  /** JSON pointer (RFC 6901) of the value being read when the error was found. */
  readonly pointer: string;

  constructor(code: JsonParseErrorCode, reason: string, position: TextPosition, path: readonly PathSegment[]) {
    const pointer = jsonPointer(path);
    super(`invalid JSON: ${reason} (${code}) at line ${position.line}, column ${position.column}, pointer ${JSON.stringify(pointer)}`);
    this.code = code;
    this.line = position.line;
    this.column = position.column;
    this.offset = position.offset;
    this.pointer = pointer;
  }
}

/** Line and column of a UTF-16 offset (computed only when an error is raised). */
export function positionAt(text: string, offset: number): TextPosition {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  let column = 1;
  for (let i = lineStart; i < offset; i++) {
    const unit = text.charCodeAt(i);
    const next = text.charCodeAt(i + 1);
    if (unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff && i + 1 < offset) i++;
    column++;
  }
  return { line, column, offset };
}
