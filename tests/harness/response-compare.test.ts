import { describe, expect, it } from 'vitest';
import { baselineFromValue, baselineTextAt } from '../../src/harness/baseline-response.js';
import { compareResponse } from '../../src/harness/response-compare.js';
import { canonicalize } from '../../src/canonical/index.js';

const fresh = { seqOffset: 0, lineBase: 0 };
const moved = { seqOffset: 40, lineBase: 17 };
const result = { op: 'snapshot', seq: 5, snapshot: { step: 3, slots: [{ slot_id: 0, size: 1.5, seq: 9 }] } };

describe('compareResponse', () => {
  it('relocates the baseline text by its top-level seq only', () => {
    const text = baselineTextAt(baselineFromValue(result), 40)!;
    expect(JSON.parse(text)).toEqual({ ...result, seq: 45 });
    expect(text).toBe(canonicalize({ ...result, seq: 45 }));
  });

  it('passes byte-identical lines, relocated or not', () => {
    expect(compareResponse(baselineFromValue(result), canonicalize(result), fresh, true)).toBeUndefined();
    expect(compareResponse(baselineFromValue(result), canonicalize({ ...result, seq: 45 }), moved, true)).toBeUndefined();
  });

  it('reads a raw step answer without moving its seq', () => {
    expect(compareResponse(baselineFromValue(result), canonicalize(result), moved, false)).toBeUndefined();
    expect(compareResponse(baselineFromValue(result), canonicalize({ ...result, seq: 45 }), moved, false)).toMatchObject({ pointer: '/seq' });
  });

  it('names the first differing value of a non-error response', () => {
    const actual = canonicalize({ ...result, snapshot: { step: 3, slots: [{ slot_id: 0, size: 1.25, seq: 9 }] } });
    expect(compareResponse(baselineFromValue(result), actual, fresh, true)).toEqual({ pointer: '/snapshot/slots/0/size', expected: 1.5, actual: 1.25 });
  });

  it('refuses a line that is equal as data but not canonical JSON', () => {
    const spaced = JSON.stringify(result, null, 1).replace(/\n/g, '');
    expect(compareResponse(baselineFromValue(result), spaced, fresh, true)).toMatchObject({ pointer: '', note: 'not canonical JSON (RFC 8785)' });
  });

  it('refuses a line that is not JSON', () => {
    expect(compareResponse(baselineFromValue(result), '{"op":', fresh, true)).toMatchObject({ pointer: '', actual: '{"op":' });
  });

  it('compares error responses on code, category, line, path and keyword, not the message', () => {
    const error = { op: 'error', seq: 3, error: { code: 'SCHEMA_VIOLATION', category: 'schema', line: 5, path: '/intent/target_size', keyword: 'exclusiveMinimum', message: 'a' } };
    const same = { ...error, seq: 43, error: { ...error.error, line: 22, message: 'b' } };
    expect(compareResponse(baselineFromValue(error), canonicalize(same), moved, true)).toBeUndefined();
    const otherPath = { ...same, error: { ...same.error, path: '/intent' } };
    expect(compareResponse(baselineFromValue(error), canonicalize(otherPath), moved, true)).toEqual({ pointer: '/error/path', expected: '/intent/target_size', actual: '/intent' });
    const noKeyword = { ...same, error: { code: 'SCHEMA_VIOLATION', category: 'schema', line: 22, path: '/intent/target_size', message: 'c' } };
    expect(compareResponse(baselineFromValue(error), canonicalize(noKeyword), moved, true)).toMatchObject({ pointer: '/error/keyword' });
  });

  it('passes an error answer by its bytes only where nothing moves', () => {
    const error = { op: 'error', seq: 3, error: { code: 'NOT_CONFIGURED', category: 'protocol', line: 5, path: '', message: 'a' } };
    const text = canonicalize(error);
    expect(compareResponse(baselineFromValue(error), text, fresh, true)).toBeUndefined();
    expect(compareResponse(baselineFromValue(error), text, { seqOffset: 0, lineBase: 0 }, false)).toBeUndefined();
    // The same bytes at a moved line or seq are another answer.
    expect(compareResponse(baselineFromValue(error), text, { seqOffset: 0, lineBase: 4 }, true)).toMatchObject({ pointer: '/error/line', expected: 5, actual: 1 });
    expect(compareResponse(baselineFromValue(error), text, { seqOffset: 4, lineBase: 0 }, true)).toMatchObject({ pointer: '/seq', expected: 3, actual: -1 });
    expect(compareResponse(baselineFromValue(error), text, { seqOffset: 4, lineBase: 0 }, false)).toBeUndefined();
  });

  it('compares hello responses on protocol_version and capabilities only', () => {
    const hello = { op: 'hello', seq: 0, protocol_version: '1.0', capabilities: ['bye', 'hello'], implementation: { name: 'a', version: '1', language: 'ts' } };
    const other = { ...hello, implementation: { name: 'b', version: '2', language: 'rust' } };
    expect(compareResponse(baselineFromValue(hello), canonicalize(other), fresh, true)).toBeUndefined();
    expect(compareResponse(baselineFromValue(hello), canonicalize({ ...other, capabilities: ['bye'] }), fresh, true)).toMatchObject({ pointer: '/capabilities/1' });
  });
});
