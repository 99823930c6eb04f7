// The order of the line checks of docs/protocol.md: the first failing check answers the line.
import { describe, expect, it } from 'vitest';
import { echoSeq, readRequest } from '../../src/protocol/index.js';

function fault(text: string) {
  const r = readRequest(text);
  if (r.ok) throw new Error(`expected a fault for ${text}`);
  return { code: r.fault.code, path: r.fault.path, keyword: r.fault.keyword, seq: r.seq };
}

const deep = (n: number, inner = '1'): string => `${'['.repeat(n)}${inner}${']'.repeat(n)}`;

describe('readRequest: checks 3 to 8 in order', () => {
  it('empty and whitespace-only lines are EMPTY_LINE', () => {
    for (const t of ['', ' ', '\t \r']) expect(fault(t).code).toBe('EMPTY_LINE');
  });

  it('not JSON, several values, NaN, a BOM, and lone surrogates (values and keys) are INVALID_JSON', () => {
    for (const t of ['{', '{} {}', '{"a":NaN}', '\ufeff{}', '{"a":"\\ud800"}', '{"\\udc00":1}', "{'a':1}"]) {
      expect(fault(t)).toMatchObject({ code: 'INVALID_JSON', path: '', seq: undefined });
    }
    expect(readRequest('{"op":"hello","seq":1,"protocol_version":"1.0","client":"\\ud83d\\ude00"}').ok).toBe(true);
  });

  it('depth is counted by containers: 64 levels pass the depth check, 65 do not', () => {
    expect(fault(deep(64)).code).toBe('SCHEMA_VIOLATION');
    expect(fault(deep(65)).code).toBe('DEPTH_LIMIT_EXCEEDED');
    expect(fault(deep(100000)).code).toBe('DEPTH_LIMIT_EXCEEDED');
  });

  it('depth outranks numbers, numbers outrank forbidden keys, a lone surrogate outranks all', () => {
    expect(fault(`{"__proto__":1,"a":1e400,"b":${deep(70)}}`).code).toBe('DEPTH_LIMIT_EXCEEDED');
    expect(fault('{"__proto__":1,"a":-1e400}').code).toBe('NUMBER_OUT_OF_RANGE');
    expect(fault(`{"a":"\\udfff","b":${deep(70)}}`).code).toBe('INVALID_JSON');
  });

  it('the first forbidden key depth first with keys in sorted order', () => {
    expect(fault('{"z":{"prototype":1},"b":[{"x":{"constructor":2}}],"__proto__":3}')).toMatchObject({ code: 'FORBIDDEN_KEY', path: '/__proto__' });
    expect(fault('{"z":{"prototype":1},"b":[{"x":{"constructor":2}}]}')).toMatchObject({ path: '/b/0/x/constructor' });
    expect(fault('{"a/b":{"~":{"prototype":0}}}')).toMatchObject({ path: '/a~1b/~0/prototype' });
  });

  it('schema violations carry path and keyword of the first error', () => {
    expect(fault('{"op":"hello","seq":1}')).toMatchObject({ code: 'SCHEMA_VIOLATION', path: '/protocol_version', keyword: 'required', seq: 1 });
    expect(fault('{"op":"hello","seq":1,"protocol_version":"1.0","b":1,"a":2}')).toMatchObject({ path: '/a', keyword: 'additionalProperties' });
    expect(fault('{"op":"teleport","seq":2}')).toMatchObject({ path: '', keyword: 'discriminator', seq: 2 });
    expect(fault('[]')).toMatchObject({ code: 'SCHEMA_VIOLATION', path: '', seq: undefined });
  });

  it('echoes seq only for a safe non-negative integer on an object', () => {
    expect([echoSeq({ seq: 3 }), echoSeq({ seq: 3.0 }), echoSeq({ seq: -1 }), echoSeq({ seq: 2 ** 53 }), echoSeq({ seq: '3' }), echoSeq([3]), echoSeq(null)]).toEqual([3, 3, undefined, undefined, undefined, undefined, undefined]);
  });
});
