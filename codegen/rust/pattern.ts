/**
 * Compiles the regular-expression subset the schemas use (`^` atom* `$`, where an atom is a
 * literal or a character class, optionally quantified by `+ * ? {n} {m,n}`) into atoms that the
 * generated Rust matcher runs. Matching is by Unicode code point, as ajv's `u` flag does.
 * Anything else throws, so a schema with a richer pattern fails codegen loudly.
 */

/** One quantified atom: accepted code point ranges, and how often it may repeat. */
export interface PatternAtom {
  readonly ranges: readonly (readonly [number, number])[];
  readonly min: number;
  /** `null`: unbounded. */
  readonly max: number | null;
}

function escapedChar(ch: string, pattern: string): number {
  if (/[A-Za-z0-9]/.test(ch)) throw new Error(`pattern ${pattern}: escape \\${ch} is outside the supported subset`);
  return ch.codePointAt(0)!;
}

/** Parses an anchored pattern into atoms. */
export function compilePattern(pattern: string): PatternAtom[] {
  if (!pattern.startsWith('^') || !pattern.endsWith('$')) throw new Error(`pattern ${pattern}: must be anchored with ^ and $`);
  const body = [...pattern.slice(1, -1)];
  const atoms: PatternAtom[] = [];
  let i = 0;
  while (i < body.length) {
    let ranges: [number, number][];
    const ch = body[i]!;
    if (ch === '[') {
      ranges = [];
      i += 1;
      if (body[i] === '^') throw new Error(`pattern ${pattern}: negated classes are not supported`);
      while (i < body.length && body[i] !== ']') {
        let lo = body[i] === '\\' ? escapedChar(body[++i]!, pattern) : body[i]!.codePointAt(0)!;
        i += 1;
        if (body[i] === '-' && body[i + 1] !== undefined && body[i + 1] !== ']') {
          const hi = body[i + 1] === '\\' ? escapedChar(body[i + 2]!, pattern) : body[i + 1]!.codePointAt(0)!;
          i += body[i + 1] === '\\' ? 3 : 2;
          ranges.push([lo, hi]);
        } else {
          ranges.push([lo, lo]);
        }
        lo = 0;
      }
      if (body[i] !== ']') throw new Error(`pattern ${pattern}: unterminated class`);
      i += 1;
    } else if (ch === '\\') {
      const code = escapedChar(body[i + 1]!, pattern);
      ranges = [[code, code]];
      i += 2;
    } else if ('.()|*+?{}^$'.includes(ch)) {
      throw new Error(`pattern ${pattern}: '${ch}' is outside the supported subset`);
    } else {
      const code = ch.codePointAt(0)!;
      ranges = [[code, code]];
      i += 1;
    }
    let min = 1;
    let max: number | null = 1;
    const q = body[i];
    if (q === '+') [min, max, i] = [1, null, i + 1];
    else if (q === '*') [min, max, i] = [0, null, i + 1];
    else if (q === '?') [min, max, i] = [0, 1, i + 1];
    else if (q === '{') {
      const close = body.indexOf('}', i);
      const m = /^(\d+)(?:,(\d+))?$/.exec(body.slice(i + 1, close).join(''));
      if (close < 0 || m === null) throw new Error(`pattern ${pattern}: unsupported quantifier`);
      min = Number(m[1]);
      max = m[2] === undefined ? min : Number(m[2]);
      i = close + 1;
    }
    atoms.push({ ranges, min, max });
  }
  return atoms;
}
