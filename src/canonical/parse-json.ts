import { JsonParseError, positionAt, type JsonParseErrorCode } from './json-parse-error.js';
import type { PathSegment } from './json-pointer.js';
import { JSON_DEPTH_MAX } from './limits.js';

/**
 * Strict JSON (RFC 8259) for fixtures and journals, where a silently "fixed" input would hide
 * a mistake. Unlike JSON.parse it refuses duplicate keys, lone surrogates (escaped or raw),
 * numbers beyond binary64 (`1e400`), integer literals beyond 2^53-1, nesting deeper than
 * `JSON_DEPTH_MAX`, and a leading byte order mark; every refusal is a `JsonParseError` with
 * line, column and JSON pointer. Numbers that underflow (`1e-400`) become 0 as in JSON.parse
 * and serde_json. The key `__proto__` is an ordinary own property, as in JSON.parse.
 *
 * Hand-written (about 200 lines): of the maintained npm parsers, some report duplicate keys
 * with positions (`@humanwhocodes/momoa`, `@prantlf/jsonlint`) but none also refuses lone
 * surrogate escapes, out-of-range numbers and deep nesting with a JSON pointer, and a second
 * walk over their AST would cost more than this parser. It is held to JSON.parse by the tests.
 */
export function parseJson(text: string): unknown {
  return new Parser(text).document();
}

const enum Char {
  Tab = 0x09,
  LineFeed = 0x0a,
  CarriageReturn = 0x0d,
  Space = 0x20,
  Quote = 0x22,
  Plus = 0x2b,
  Comma = 0x2c,
  Minus = 0x2d,
  Dot = 0x2e,
  Slash = 0x2f,
  Zero = 0x30,
  Nine = 0x39,
  Colon = 0x3a,
  UpperE = 0x45,
  OpenBracket = 0x5b,
  Backslash = 0x5c,
  CloseBracket = 0x5d,
  LowerE = 0x65,
  LowerU = 0x75,
  OpenBrace = 0x7b,
  CloseBrace = 0x7d,
}

const shortEscapes: Record<number, string> = {
  [Char.Quote]: '"',
  [Char.Backslash]: '\\',
  [Char.Slash]: '/',
  0x62: '\b',
  0x66: '\f',
  0x6e: '\n',
  0x72: '\r',
  0x74: '\t',
};

class Parser {
  private pos = 0;
  private depth = 0;
  /** Where the escape most recently decoded by `escape` ends. */
  private escapeEnd = 0;
  private readonly path: PathSegment[] = [];

  constructor(private readonly text: string) {}

  document(): unknown {
    if (this.text.charCodeAt(0) === 0xfeff) this.fail('SYNTAX', 'a byte order mark is not part of JSON text', 0);
    this.skipWhitespace();
    const value = this.value();
    this.skipWhitespace();
    if (this.pos < this.text.length) this.unexpected('after the JSON value');
    return value;
  }

  private value(): unknown {
    const c = this.text.charCodeAt(this.pos);
    switch (c) {
      case Char.OpenBrace:
        return this.object();
      case Char.OpenBracket:
        return this.array();
      case Char.Quote:
        return this.string();
      case 0x74: // t
        return this.literal('true', true);
      case 0x66: // f
        return this.literal('false', false);
      case 0x6e: // n
        return this.literal('null', null);
      default:
        if (c === Char.Minus || (c >= Char.Zero && c <= Char.Nine)) return this.number();
        return this.unexpected('where a value was expected');
    }
  }

  private object(): Record<string, unknown> {
    this.enter();
    const object: Record<string, unknown> = {};
    this.pos++;
    this.skipWhitespace();
    if (this.text.charCodeAt(this.pos) === Char.CloseBrace) {
      this.pos++;
      this.depth--;
      return object;
    }
    for (;;) {
      if (this.text.charCodeAt(this.pos) !== Char.Quote) this.unexpected('where an object key was expected');
      const keyAt = this.pos;
      const key = this.string();
      if (Object.prototype.hasOwnProperty.call(object, key)) {
        this.path.push(key);
        this.fail('DUPLICATE_KEY', `duplicate key ${JSON.stringify(key)}`, keyAt);
      }
      this.skipWhitespace();
      if (this.text.charCodeAt(this.pos) !== Char.Colon) this.unexpected('where ":" was expected');
      this.pos++;
      this.skipWhitespace();
      this.path.push(key);
      const member = this.value();
      this.path.pop();
      if (key === '__proto__') {
        Object.defineProperty(object, key, { value: member, writable: true, enumerable: true, configurable: true });
      } else {
        object[key] = member;
      }
      this.skipWhitespace();
      const c = this.text.charCodeAt(this.pos);
      this.pos++;
      if (c === Char.Comma) {
        this.skipWhitespace();
        continue;
      }
      if (c === Char.CloseBrace) break;
      this.pos--;
      this.unexpected('where "," or "}" was expected');
    }
    this.depth--;
    return object;
  }

  private array(): unknown[] {
    this.enter();
    const array: unknown[] = [];
    this.pos++;
    this.skipWhitespace();
    if (this.text.charCodeAt(this.pos) === Char.CloseBracket) {
      this.pos++;
      this.depth--;
      return array;
    }
    for (;;) {
      this.path.push(array.length);
      array.push(this.value());
      this.path.pop();
      this.skipWhitespace();
      const c = this.text.charCodeAt(this.pos);
      this.pos++;
      if (c === Char.Comma) {
        this.skipWhitespace();
        continue;
      }
      if (c === Char.CloseBracket) break;
      this.pos--;
      this.unexpected('where "," or "]" was expected');
    }
    this.depth--;
    return array;
  }

  private enter(): void {
    if (++this.depth > JSON_DEPTH_MAX) {
      this.fail('DEPTH_LIMIT_EXCEEDED', `arrays and objects nested deeper than JSON_DEPTH_MAX = ${JSON_DEPTH_MAX}`, this.pos);
    }
  }

  /** Reads a string starting at its opening quote; copies unescaped runs in one slice. */
  private string(): string {
    const text = this.text;
    const opening = this.pos;
    let i = opening + 1;
    let runStart = i;
    let out = '';
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === Char.Quote) break;
      if (c === Char.Backslash) {
        out += text.slice(runStart, i) + this.escape(i);
        i = this.escapeEnd;
        runStart = i;
        continue;
      }
      if (!(c >= Char.Space)) {
        // NaN (end of text) lands here too: every comparison with NaN is false.
        if (i >= text.length) this.fail('SYNTAX', 'unterminated string', opening);
        this.fail('SYNTAX', `control character U+${c.toString(16).padStart(4, '0').toUpperCase()} must be escaped`, i);
      }
      if (c >= 0xd800 && c <= 0xdfff) {
        const next = text.charCodeAt(i + 1);
        if (c > 0xdbff || !(next >= 0xdc00 && next <= 0xdfff)) this.fail('LONE_SURROGATE', 'a lone surrogate is not valid Unicode', i);
        i += 2;
        continue;
      }
      i++;
    }
    this.pos = i + 1;
    return runStart === opening + 1 ? text.slice(runStart, i) : out + text.slice(runStart, i);
  }

  /** Decodes the escape at `at` (its backslash); `escapeEnd` is then the index after it. */
  private escape(at: number): string {
    const kind = this.text.charCodeAt(at + 1);
    const short = shortEscapes[kind];
    if (short !== undefined) {
      this.escapeEnd = at + 2;
      return short;
    }
    if (kind !== Char.LowerU) {
      if (at + 1 >= this.text.length) this.fail('SYNTAX', 'unterminated string', at);
      this.fail('SYNTAX', `invalid escape \\${this.text[at + 1] ?? ''}`, at);
    }
    const unit = this.hex4(at + 2);
    if (unit < 0xd800 || unit > 0xdfff) {
      this.escapeEnd = at + 6;
      return String.fromCharCode(unit);
    }
    const low = this.text.charCodeAt(at + 6) === Char.Backslash && this.text.charCodeAt(at + 7) === Char.LowerU ? this.hex4(at + 8) : -1;
    if (unit > 0xdbff || !(low >= 0xdc00 && low <= 0xdfff)) {
      this.fail('LONE_SURROGATE', `the escape \\u${this.text.slice(at + 2, at + 6)} is a lone surrogate`, at);
    }
    this.escapeEnd = at + 12;
    return String.fromCharCode(unit, low);
  }

  private hex4(at: number): number {
    const digits = this.text.slice(at, at + 4);
    if (!/^[0-9a-fA-F]{4}$/.test(digits)) this.fail('SYNTAX', 'a \\u escape needs four hex digits', at - 2);
    return Number.parseInt(digits, 16);
  }

  private number(): number {
    const text = this.text;
    const start = this.pos;
    let i = start;
    if (text.charCodeAt(i) === Char.Minus) i++;
    const first = text.charCodeAt(i);
    if (first === Char.Zero) {
      i++;
    } else if (first >= Char.Zero + 1 && first <= Char.Nine) {
      i = this.digits(i);
    } else {
      this.fail('SYNTAX', 'a number needs a digit after "-"', i);
    }
    let integerLiteral = true;
    if (text.charCodeAt(i) === Char.Dot) {
      integerLiteral = false;
      const after = this.digits(i + 1);
      if (after === i + 1) this.fail('SYNTAX', 'a number needs a digit after "."', i + 1);
      i = after;
    }
    const e = text.charCodeAt(i);
    if (e === Char.LowerE || e === Char.UpperE) {
      integerLiteral = false;
      i++;
      const sign = text.charCodeAt(i);
      if (sign === Char.Plus || sign === Char.Minus) i++;
      const after = this.digits(i);
      if (after === i) this.fail('SYNTAX', 'a number needs a digit in its exponent', i);
      i = after;
    }
    const literal = text.slice(start, i);
    const value = Number(literal);
    if (value === Infinity || value === -Infinity) this.fail('NUMBER_OUT_OF_RANGE', `${literal} is beyond binary64 range`, start);
    if (integerLiteral && (value > Number.MAX_SAFE_INTEGER || value < -Number.MAX_SAFE_INTEGER)) {
      this.fail('UNSAFE_INTEGER', `the integer ${literal} is beyond 2^53-1 and would be rounded`, start);
    }
    this.pos = i;
    return value;
  }

  private digits(from: number): number {
    let i = from;
    for (let c = this.text.charCodeAt(i); c >= Char.Zero && c <= Char.Nine; c = this.text.charCodeAt(++i));
    return i;
  }

  private literal<T>(word: string, value: T): T {
    if (!this.text.startsWith(word, this.pos)) this.unexpected('where a value was expected');
    this.pos += word.length;
    return value;
  }

  private skipWhitespace(): void {
    const text = this.text;
    let c = text.charCodeAt(this.pos);
    while (c === Char.Space || c === Char.LineFeed || c === Char.CarriageReturn || c === Char.Tab) c = text.charCodeAt(++this.pos);
  }

  private unexpected(where: string): never {
    if (this.pos >= this.text.length) return this.fail('SYNTAX', `unexpected end of text ${where}`, this.pos);
    const char = String.fromCodePoint(this.text.codePointAt(this.pos) ?? 0);
    return this.fail('SYNTAX', `unexpected ${JSON.stringify(char)} ${where}`, this.pos);
  }

  private fail(code: JsonParseErrorCode, reason: string, offset: number): never {
    throw new JsonParseError(code, reason, positionAt(this.text, offset), this.path);
  }
}
