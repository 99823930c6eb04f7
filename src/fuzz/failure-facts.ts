/**
 * The domain facts of one failure, from which its signature is built (`failure-signature.ts`):
 * the kind of step where it first shows, the first differing JSON pointer with its array
 * indices generalised, the matrix cell the reference's answer crossed at that step, and the
 * diagnostic code on each side. Never stack frames or message text: those change with every
 * refactor and lump unrelated failures together (or split one bug in many).
 */
import type { FixtureStep } from '../../generated/ts/types.js';

export interface FailureFacts {
  /** `configure`, `raw`, or the op with its intent action / event kind (`intent:ENTER`). */
  readonly step_kind: string;
  /** First differing JSON pointer (indices as `*`), or `invariant:<name>` for an invariant. */
  readonly pointer: string;
  /** First matrix cell of the reference's answer at that step (`SLOT IDLE -ENTER-> PENDING`), or ''. */
  readonly cell: string;
  /** The diagnostic code each side answered at that step ('' when none). */
  readonly codes: { readonly reference: string; readonly target: string };
}

// Array indices vary between scenarios showing one bug: `/slots/3/orders/0` -> `/slots/*/orders/*`.
export function generalisePointer(pointer: string): string {
  return pointer.replace(/\/\d+(?=\/|$)/g, '/*');
}

/** What kind of step index `step` of these steps is (-1: the configure line the harness sends). */
export function stepKind(steps: readonly FixtureStep[], step: number): string {
  if (step < 0) return 'configure';
  const st = steps[step];
  if (st === undefined) return 'end';
  if (st.kind === 'raw') return 'raw';
  const r = st.request;
  if (r.op === 'intent') return `intent:${r.intent.action}`;
  if (r.op === 'venue_event' || r.op === 'account_event') return `${r.op}:${r.event.kind}`;
  return r.op;
}

type Answer = { error?: { code?: unknown }; result?: { outcome?: { code?: unknown; transitions?: unknown } } } | undefined;

function parsed(text: string | undefined): Answer {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as Answer;
  } catch {
    return undefined;
  }
}

/** The diagnostic code of one answer: an error response's code, or a step outcome's code. */
export function answerCode(answer: Answer): string {
  const code = answer?.error?.code ?? answer?.result?.outcome?.code;
  return typeof code === 'string' ? code : '';
}

/** The first SLOT or ORDER transition of a step answer, as a matrix cell. */
export function answerCell(answer: Answer): string {
  const transitions = answer?.result?.outcome?.transitions;
  if (!Array.isArray(transitions)) return '';
  for (const t of transitions as { machine?: unknown; from?: unknown; trigger?: unknown; to?: unknown }[]) {
    if (t.machine === 'SLOT' || t.machine === 'ORDER') return `${String(t.machine)} ${String(t.from)} -${String(t.trigger)}-> ${String(t.to)}`;
  }
  return '';
}

/**
 * Facts of a failure at `step`, from the scenario's steps and the two answer texts at that
 * step (either may be missing: a crash before answering, a reference that failed itself).
 */
export function failureFacts(steps: readonly FixtureStep[], step: number, pointer: string, referenceText: string | undefined, targetText: string | undefined): FailureFacts {
  const reference = parsed(referenceText);
  return {
    step_kind: stepKind(steps, step),
    pointer: pointer.startsWith('invariant:') ? pointer : generalisePointer(pointer),
    cell: answerCell(reference),
    codes: { reference: answerCode(reference), target: answerCode(parsed(targetText)) },
  };
}
