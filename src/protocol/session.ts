// One protocol session: checks 9 to 12 of docs/protocol.md (seq, handshake, configured) and
// the dispatch of each op to the kernel. Pure apart from the kernel it owns.
import type { ExecutionStepResult, ProtocolRequest, ProtocolResponse } from '../../generated/ts/types.js';
import { createKernel, SnapshotShapeError, type Kernel, type KernelOptions } from '../kernel/index.js';
import { errorResponse, fault, type LineFault } from './protocol-error.js';
import { CAPABILITIES, PROTOCOL_MAJOR, PROTOCOL_VERSION } from './limits.js';
import { ERROR_CODE } from '../../generated/ts/protocol-edge.js';

/** Who answers the hello. */
export interface Implementation {
  readonly name: string;
  readonly version: string;
  readonly language: string;
}

const NEEDS_CONFIGURE: ReadonlySet<ProtocolRequest['op']> = new Set([
  'intent',
  'venue_event',
  'account_event',
  'mark_price',
  'reconcile',
  'calibrate_fee',
  'snapshot',
  'reset',
]);

/** The requests answered with a step result. */
export type StepRequest = Extract<ProtocolRequest, { op: 'intent' | 'venue_event' | 'account_event' | 'mark_price' | 'reconcile' | 'calibrate_fee' }>;

/**
 * The kernel call each step request asks for: one mapping from a request's fields to the
 * kernel's arguments, for the session below and for whatever replays requests straight into a
 * kernel (the fuzz loop's invariant replay).
 */
export function kernelStep(k: Kernel, r: StepRequest): ExecutionStepResult {
  switch (r.op) {
    case 'intent':
      return k.intent(r.intent);
    case 'venue_event':
      return k.venueEvent(r.event);
    case 'account_event':
      return k.accountEvent(r.event);
    case 'mark_price':
      return k.markPrice({ asset: r.asset, price: r.price, ts: r.ts });
    case 'reconcile':
      return k.reconcile({ reconcile_id: r.reconcile_id, ts: r.ts, slots: r.slots });
    case 'calibrate_fee':
      return k.calibrateFee({ fill_price: r.fill_price, fill_size: r.fill_size, order_type: r.order_type, actual_fee: r.actual_fee });
  }
}

export class Session {
  private lastSeq: number | undefined;
  private handshaken = false;
  private kernel: Kernel | undefined;
  /** Set once a bye was answered: the server reads no further. */
  ended = false;

  constructor(
    private readonly implementation: Implementation,
    private readonly kernelOptions: KernelOptions = {},
  ) {}

  /**
   * The kernel this session drives (undefined before configure), for in-process checks of its
   * state between lines (the fuzz loop's state invariants); answering never goes through it.
   */
  get currentKernel(): Kernel | undefined {
    return this.kernel;
  }

  /** Answer a schema-valid request read from line `line`. */
  handle(r: ProtocolRequest, line: number): ProtocolResponse {
    const refused = this.admit(r);
    if (refused !== undefined) return errorResponse(refused, line, r.seq);
    try {
      return this.dispatch(r);
    } catch (e) {
      if (e instanceof SnapshotShapeError) {
        return errorResponse(fault(ERROR_CODE.SCHEMA_VIOLATION, `/snapshot${e.path}`, { detail: e.message }, 'consistency'), line, r.seq);
      }
      const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
      return errorResponse(fault(ERROR_CODE.INTERNAL_ERROR, '', { detail: message }), line, r.seq);
    }
  }

  /** Checks 9 to 12; a request passing check 10 becomes the last accepted seq. */
  private admit(r: ProtocolRequest): LineFault | undefined {
    if (this.lastSeq !== undefined && r.seq === this.lastSeq) {
      return fault(ERROR_CODE.DUPLICATE_SEQ, '/seq', { seq: r.seq });
    }
    if (this.lastSeq !== undefined && r.seq < this.lastSeq) {
      return fault(ERROR_CODE.SEQ_OUT_OF_ORDER, '/seq', { seq: r.seq, last_seq: this.lastSeq });
    }
    this.lastSeq = r.seq;
    if (r.op === 'hello') {
      const major = Number(r.protocol_version.split('.')[0]);
      if (major !== PROTOCOL_MAJOR) {
        return fault(ERROR_CODE.UNSUPPORTED_PROTOCOL_VERSION, '/protocol_version', { version: r.protocol_version });
      }
      return undefined;
    }
    if (!this.handshaken) return fault(ERROR_CODE.HANDSHAKE_REQUIRED, '', { op: r.op });
    if (this.kernel === undefined && NEEDS_CONFIGURE.has(r.op)) {
      return fault(ERROR_CODE.NOT_CONFIGURED, '', { op: r.op });
    }
    return undefined;
  }

  private dispatch(r: ProtocolRequest): ProtocolResponse {
    switch (r.op) {
      case 'hello':
        this.handshaken = true;
        return {
          op: 'hello',
          seq: r.seq,
          protocol_version: PROTOCOL_VERSION,
          implementation: { ...this.implementation },
          capabilities: [...CAPABILITIES],
        };
      case 'configure':
        this.kernel = createKernel(r.config, this.kernelOptions);
        return this.state('configure', r.seq, this.kernel);
      case 'restore': {
        const k = this.kernel ?? createKernel(r.snapshot.config, this.kernelOptions);
        k.restore(r.snapshot);
        this.kernel = k;
        return this.state('restore', r.seq, k);
      }
      case 'bye':
        this.ended = true;
        return { op: 'bye', seq: r.seq, step: this.kernel?.step ?? 0 };
      default:
        return this.step(r, this.kernel as Kernel);
    }
  }

  private step(r: Exclude<ProtocolRequest, { op: 'hello' | 'configure' | 'restore' | 'bye' }>, k: Kernel): ProtocolResponse {
    switch (r.op) {
      case 'snapshot':
        return { op: 'snapshot', seq: r.seq, snapshot: k.snapshot() };
      case 'reset':
        k.reset();
        return this.state('reset', r.seq, k);
      default:
        // Every step op answers { op, seq, result }: the per-op response types differ in `op` only.
        return { op: r.op, seq: r.seq, result: kernelStep(k, r) } as ProtocolResponse;
    }
  }

  private state(op: 'configure' | 'restore' | 'reset', seq: number, k: Kernel): ProtocolResponse {
    return { op, seq, slot_count: k.config.slot_count, step: k.step, control: { ...k.config.control } };
  }
}
