import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inlinePropertyChecks, rewriteRequires, shortCircuitLengthChecks } from '../../codegen/ts/validators.js';

const codePoints = (text: string): number => [...text].length;

/** Evaluates a rewritten `maxLength`/`minLength` expression for `data` with a real counter. */
function evaluate(expression: string, data: string): boolean {
  return new Function('func1', 'data0', `return ${expression};`)(codePoints, data) as boolean;
}

describe('rewrites of the ajv standalone code', () => {
  it('length short-circuits give the verdict of the code-point count, near and far from the bound', () => {
    const code = 'const func1 = ucs2length;\nif(func1(data0) > 3){}\nif(func1(data0) < 2){}';
    const rewritten = shortCircuitLengthChecks(code);
    const max = /if\((.*)\)\{\}\nif/.exec(rewritten)?.[1] ?? '';
    const min = /\nif\((.*)\)\{\}$/.exec(rewritten)?.[1] ?? '';
    expect(max).toBe('(data0.length > 3 && func1(data0) > 3)');
    expect(min).toBe('(data0.length < 4 && func1(data0) < 2)');
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'é', '😀', '𝄞'), maxLength: 8 }), (text) => {
        expect(evaluate(max, text)).toBe(codePoints(text) > 3);
        expect(evaluate(min, text)).toBe(codePoints(text) < 2);
      }),
    );
  });

  it('inlines the known-property test from the schema constant', () => {
    const code = 'const schema7 = {"properties":{"a":{},"b/c":{}}};\nconst func3 = Object.prototype.hasOwnProperty;\nif(!(func3.call(schema7.properties, key0))){}';
    expect(inlinePropertyChecks(code)).toContain('if(!((key0 === "a" || key0 === "b/c"))){}');
  });

  it('turns runtime requires into ESM imports and refuses unknown ones', () => {
    const { imports, body } = rewriteRequires('const func1 = require("ajv/dist/runtime/ucs2length").default;');
    expect(body).toBe('const func1 = ucs2length;');
    expect(imports[0]).toBe('import ucs2lengthModule from "ajv/dist/runtime/ucs2length.js";');
    expect(() => rewriteRequires('const f = require("ajv-formats/dist/formats").fullFormats;')).toThrow(/unsupported module/);
  });
});
