import { describe, expect, it } from 'vitest';
import { failureFacts, generalisePointer, stepKind } from '../../src/fuzz/failure-facts.js';
import { failureSignatureOf } from '../../src/fuzz/failure-signature.js';
import type { FixtureStep } from '../../generated/ts/types.js';

const steps = [
  { kind: 'request', request: { op: 'intent', seq: 2, intent: { action: 'ENTER' } } },
  { kind: 'raw', base64: 'e30=' },
  { kind: 'request', request: { op: 'venue_event', seq: 3, event: { kind: 'FILL' } } },
] as unknown as FixtureStep[];
const enterAnswer = JSON.stringify({ op: 'intent', seq: 2, result: { outcome: { code: 'OK', transitions: [{ machine: 'SLOT', from: 'IDLE', trigger: 'ENTER', to: 'ORDER_REQUESTED' }] } } });
const errorAnswer = JSON.stringify({ op: 'error', seq: 2, error: { code: 'SCHEMA_VIOLATION' } });

describe('failure signatures from domain facts', () => {
  it('generalise array indices in pointers, and nothing else', () => {
    expect(generalisePointer('/result/slots/3/orders/12/size')).toBe('/result/slots/*/orders/*/size');
    expect(generalisePointer('/result/slot_3x/0')).toBe('/result/slot_3x/*');
    expect(generalisePointer('')).toBe('');
  });

  it('name the step kind: configure, raw, op with action or event kind', () => {
    expect([-1, 0, 1, 2, 9].map((i) => stepKind(steps, i))).toEqual(['configure', 'intent:ENTER', 'raw', 'venue_event:FILL', 'end']);
  });

  it('take the matrix cell and both codes from the answers at the failing step', () => {
    expect(failureFacts(steps, 0, '/result/slots/0/size', enterAnswer, errorAnswer)).toEqual({
      step_kind: 'intent:ENTER',
      pointer: '/result/slots/*/size',
      cell: 'SLOT IDLE -ENTER-> ORDER_REQUESTED',
      codes: { reference: 'OK', target: 'SCHEMA_VIOLATION' },
    });
    expect(failureFacts(steps, 1, '', 'not json', undefined)).toEqual({ step_kind: 'raw', pointer: '', cell: '', codes: { reference: '', target: '' } });
  });

  it('are equal for one bug at other steps and values, and differ across facts', () => {
    const at = (step: number, pointer: string, target = errorAnswer) => failureSignatureOf({ kind: 'divergence', implementation: 'rust', facts: failureFacts(steps, step, pointer, enterAnswer, target) });
    expect(at(0, '/result/slots/0/size')).toBe(at(0, '/result/slots/5/size'));
    expect(at(0, '/result/slots/0/size')).not.toBe(at(0, '/result/step'));
    expect(at(0, '/result/slots/0/size')).not.toBe(at(0, '/result/slots/0/size', enterAnswer));
    expect(at(0, '/x')).toBe('divergence | rust | intent:ENTER | /x | SLOT IDLE -ENTER-> ORDER_REQUESTED | OK/SCHEMA_VIOLATION');
  });
});
