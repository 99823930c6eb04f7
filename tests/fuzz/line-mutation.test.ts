import { describe, expect, it } from 'vitest';
import { mutateLine } from '../../src/fuzz/line-mutation.js';
import { isValidRequestLine } from '../../src/protocol/valid-request-line.js';
import type { ProtocolRequest } from '../../generated/ts/types.js';

const request: ProtocolRequest = { op: 'mark_price', seq: 4, asset: 'BTC-USDT', price: 100, ts: 1700000000000 };
const text = (b: Uint8Array | undefined) => new TextDecoder().decode(b);

describe('line mutations', () => {
  it('numeric mutations write the literal they name where a number was (not a placeholder string)', () => {
    expect(text(mutateLine(request, 'nan', 0)?.bytes)).toBe('{"op":"mark_price","seq":4,"asset":"BTC-USDT","price":NaN,"ts":1700000000000}');
    expect(text(mutateLine(request, 'number-out-of-range', 0)?.bytes)).toContain('"price":1e400');
    expect(text(mutateLine(request, 'too-deep', 0)?.bytes)).toContain('"seq_nest":[[[[');
    expect(text(mutateLine(request, 'lone-surrogate', 0)?.bytes)).toContain('"a\\ud800b"');
  });

  it('past-bound writes one step past a schema bound, and the line is not a valid request', () => {
    const line = mutateLine(request, 'past-bound', 0)!;
    expect(text(line.bytes)).toContain('"price":1000000000000.0001');
    expect(isValidRequestLine(line.bytes)).toBe(false);
    expect(line.note).toMatch(/one step past a schema bound/);
  });
});
