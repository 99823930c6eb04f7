/**
 * Which refusals a fuzz run produced, counted per diagnostic code: kernel refusals (a step
 * result whose outcome is not accepted) keyed `kernel <op> <code> <what>` and protocol
 * refusals (an error response) keyed `protocol <code>`. `<what>` is the refusal's reason when
 * it has one, else its field with array indices dropped (`slots[].slot_id`), so that each
 * refusal path of a step is one key.
 *
 * Coverage fails when a required key was never produced: every refusing diagnostic code and
 * protocol error code of the vocabulary (exhaustive records below, so a new code cannot be
 * left out), and every refusal path of the steps a generator must reach by itself (fee
 * calibration, reconcile, account and funding events). Codes no generated session can produce
 * are listed with the reason, never silently skipped.
 */
import type { DiagnosticCode, ErrorCode } from '../../generated/ts/types.js';

/** Per diagnostic code: whether generated scenarios must see it as a refusal, or why not. */
const kernelCodes: Readonly<Record<DiagnosticCode, true | string>> = {
  OK: 'never a refusal',
  INVALID_INTENT: true,
  INVALID_EVENT: true,
  INVALID_REQUEST: true,
  INVALID_SLOT_ID: true,
  SLOT_BUSY: true,
  ILLEGAL_TRANSITION: true,
  NO_ACTIVE_ORDER: true,
  DUPLICATE_EVENT: true,
  UNKNOWN_ORDER: true,
  TRADE_ID_MISMATCH: true,
  OVERFILL_CLAMPED: 'an accepted warning, never a refusal',
  EXIT_SIZE_CLAMPED: 'an accepted warning, never a refusal',
  ORDER_REJECTED: 'the venue refused; the step is accepted',
  EXIT_ORDER_REJECTED: 'the venue refused; the step is accepted',
  CANCEL_REJECTED: 'the venue refused; the step is accepted',
  RATE_LIMITED: true,
  STALE_STATE_RECONCILING: true,
  RECONCILED: 'never a refusal',
  MODE_FORBIDDEN: true,
  SHORT_FILL: 'an accepted warning, never a refusal',
  LATE_ACK: 'accepted (INFO, no transition), never a refusal',
};

/** Per protocol error code: whether the invalid level must produce it, or why it cannot. */
const protocolCodes: Readonly<Record<ErrorCode, true | string>> = {
  INVALID_JSON: true,
  INVALID_UTF8: true,
  EMPTY_LINE: true,
  LINE_TOO_LONG: 'generated lines stay far below line_bytes_max; pinned by fixtures/corpus/protocol',
  DEPTH_LIMIT_EXCEEDED: true,
  NUMBER_OUT_OF_RANGE: true,
  FORBIDDEN_KEY: true,
  SCHEMA_VIOLATION: true,
  HANDSHAKE_REQUIRED: 'the harness opens every generated session with hello; pinned by fixtures/sessions',
  UNSUPPORTED_PROTOCOL_VERSION: 'the harness says hello with its own version; pinned by fixtures/sessions',
  DUPLICATE_SEQ: 'a repeated seq is a well-formed request line, and broken lines must not be valid requests; pinned by fixtures/corpus/protocol',
  SEQ_OUT_OF_ORDER: 'broken lines reuse the next seq, which is never behind; pinned by fixtures/corpus/protocol',
  NOT_CONFIGURED: 'the harness configures every generated session; pinned by fixtures/sessions',
  INTERNAL_ERROR: 'must never be produced: a server bug, reported as a failure elsewhere',
};

/**
 * The refusal paths of the steps generators must reach themselves (not only stored
 * regressions). Paths the schema makes unreachable over the wire (a non-finite or non-positive
 * fill price, size or fee, a non-positive reconcile size or entry price) are answered by a
 * protocol refusal before the kernel sees them, and counted as such.
 */
export const requiredStepRefusals: readonly string[] = [
  'kernel calibrate_fee INVALID_REQUEST expected_fee',
  'kernel calibrate_fee INVALID_REQUEST ratio',
  'kernel account_event DUPLICATE_EVENT -',
  'kernel account_event INVALID_EVENT AMOUNT_OUT_OF_RANGE',
  'kernel reconcile INVALID_SLOT_ID slots[].slot_id',
  'kernel reconcile INVALID_REQUEST slots[].slot_id',
  'kernel reconcile INVALID_REQUEST AMOUNT_OUT_OF_RANGE',
];

/** Every key a run must produce at least once. */
export function requiredRefusals(): string[] {
  const codes = Object.entries(kernelCodes).filter(([, v]) => v === true).map(([k]) => `kernel * ${k}`);
  const errors = Object.entries(protocolCodes).filter(([, v]) => v === true).map(([k]) => `protocol ${k}`);
  return [...codes, ...errors, ...requiredStepRefusals];
}

/** Why a code is not required (undefined: it is). */
export function exemption(code: string): string | undefined {
  const k = (kernelCodes as Record<string, true | string>)[code];
  const p = (protocolCodes as Record<string, true | string>)[code];
  const why = typeof k === 'string' ? k : typeof p === 'string' ? p : undefined;
  return why;
}

interface ResponseLike {
  readonly op?: unknown;
  readonly error?: { readonly code?: unknown };
  readonly result?: { readonly outcome?: { readonly accepted?: unknown; readonly code?: unknown; readonly details?: Record<string, unknown> } };
}

/** The key of one response's refusal, or undefined when it refused nothing. */
export function refusalKey(response: unknown): string | undefined {
  const r = response as ResponseLike | undefined;
  if (r === undefined || r === null || typeof r !== 'object') return undefined;
  if (r.error !== undefined) return `protocol ${String(r.error.code)}`;
  const o = r.result?.outcome;
  if (o === undefined || o.accepted !== false) return undefined;
  const d = o.details ?? {};
  const what = typeof d['reason'] === 'string' ? d['reason'] : typeof d['field'] === 'string' ? d['field'].replace(/\[\d+\]/g, '[]') : '-';
  return `kernel ${String(r.op)} ${String(o.code)} ${what}`;
}

/** Whether a produced key satisfies a required one (`kernel * CODE` matches any op and path). */
function satisfies(produced: string, required: string): boolean {
  if (produced === required) return true;
  const m = /^kernel \* (\S+)$/.exec(required);
  return m !== null && produced.startsWith('kernel ') && produced.split(' ')[2] === m[1];
}

export class RefusalCoverage {
  readonly counts = new Map<string, number>();

  add(response: unknown): void {
    const key = refusalKey(response);
    if (key !== undefined) this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  merge(other: Readonly<Record<string, number>>): void {
    for (const [k, n] of Object.entries(other)) this.counts.set(k, (this.counts.get(k) ?? 0) + n);
  }

  toJSON(): Record<string, number> {
    return Object.fromEntries([...this.counts.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }

  /** Required keys never produced. */
  missed(): string[] {
    const produced = [...this.counts.keys()];
    return requiredRefusals().filter((req) => !produced.some((p) => satisfies(p, req)));
  }
}
