// A fixture read for the report: per step its op and the matrix transitions its golden answer
// made. Cells per fixture, divergent cells and the timelines all come from these traces.
import { readFile } from 'node:fs/promises';
import type { MatrixName } from '../fuzz/matrix-coverage.js';

export interface TraceTransition {
  readonly machine: 'SLOT' | 'ORDER';
  /** "slot 0" or "order T1#1". */
  readonly lane: string;
  readonly from: string;
  readonly trigger: string;
  readonly to: string;
}

export interface TraceStep {
  readonly index: number;
  readonly op: string;
  readonly label: string;
  readonly transitions: readonly TraceTransition[];
  /** The golden answer of the step, when the fixture has one. */
  readonly answer: unknown;
}

export interface FixtureTrace {
  readonly name: string;
  readonly file: string;
  readonly steps: readonly TraceStep[];
}

export const matrixOf = (machine: 'SLOT' | 'ORDER'): MatrixName => (machine === 'SLOT' ? 'slot' : 'order');

type Loose = Record<string, unknown>;
const asObject = (v: unknown): Loose => (typeof v === 'object' && v !== null ? (v as Loose) : {});

function transitionsOf(answer: unknown): TraceTransition[] {
  const list = asObject(asObject(asObject(answer).result).outcome).transitions;
  if (!Array.isArray(list)) return [];
  const out: TraceTransition[] = [];
  for (const raw of list) {
    const t = asObject(raw);
    if (t.machine !== 'SLOT' && t.machine !== 'ORDER') continue;
    const lane = t.machine === 'SLOT' ? `slot ${String(t.slot_id)}` : `order ${String(t.order_id)}`;
    out.push({ machine: t.machine, lane, from: String(t.from), trigger: String(t.trigger), to: String(t.to) });
  }
  return out;
}

function stepLabel(step: Loose): { op: string; label: string } {
  if (step.kind === 'raw') return { op: 'raw', label: typeof step.note === 'string' ? `raw line: ${step.note}` : 'raw line' };
  const request = asObject(step.request);
  const op = String(request.op ?? '?');
  const inner = asObject(request.intent ?? request.event);
  const what = [inner.action, inner.kind, inner.order_id ?? inner.trade_id].filter((x) => typeof x === 'string').join(' ');
  return { op, label: what ? `${op} ${what}` : op };
}

/** The trace of a parsed fixture (already schema-valid: parity read it). */
export function traceFixture(fixture: unknown, file: string): FixtureTrace {
  const f = asObject(fixture);
  const steps = Array.isArray(f.steps) ? f.steps : [];
  const expected = Array.isArray(f.expected) ? f.expected : [];
  return {
    name: String(f.name ?? file),
    file,
    steps: steps.map((s, index) => ({ index, ...stepLabel(asObject(s)), transitions: transitionsOf(expected[index]), answer: expected[index] })),
  };
}

/** Reads and traces a fixture file; undefined when it cannot be read (the report says so). */
export async function loadFixtureTrace(file: string, path: string): Promise<FixtureTrace | undefined> {
  try {
    return traceFixture(JSON.parse(await readFile(path, 'utf8')) as unknown, file);
  } catch {
    return undefined;
  }
}
