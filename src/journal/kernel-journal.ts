// A server's journal settings from its command line, and the journal it opens: shared by
// `lockstep kernel` and mirrored by `lockstep-kernel` (rust-kernel/src/journal/kernel_journal.rs).
import type { AnswerSink } from '../protocol/index.js';
import { isDurabilityPolicy, type DurabilityPolicy } from './durability.js';
import { journalSink } from './journal-sink.js';
import { JournalRefused, openForAppend } from './open-for-append.js';

export interface KernelJournalOptions {
  readonly journal?: string;
  readonly policy?: DurabilityPolicy;
  readonly checkpointInterval?: number;
}

/** Parses `--journal FILE`, `--durability POLICY`, `--checkpoint-interval K`; anything else is a usage error. */
export function journalOptions(args: readonly string[], usage: (message: string) => Error): KernelJournalOptions {
  const out: { journal?: string; policy?: DurabilityPolicy; checkpointInterval?: number } = {};
  for (let i = 0; i < args.length; i += 1) {
    const flag = args[i] as string;
    const value = args[i + 1];
    if (flag !== '--journal' && flag !== '--durability' && flag !== '--checkpoint-interval') throw usage(`unexpected argument '${flag}'`);
    if (value === undefined) throw usage(`${flag} needs a value`);
    i += 1;
    if (flag === '--journal') out.journal = value;
    else if (flag === '--durability') {
      if (!isDurabilityPolicy(value)) throw usage(`--durability must be every, batch or none, not '${value}'`);
      out.policy = value;
    } else {
      const k = Number(value);
      if (!Number.isInteger(k) || k < 2 || k > 1048576) throw usage(`--checkpoint-interval must be an integer from 2 to 1048576, not '${value}'`);
      out.checkpointInterval = k;
    }
  }
  if (out.journal === undefined && (out.policy !== undefined || out.checkpointInterval !== undefined)) throw usage('--durability and --checkpoint-interval need --journal');
  return out;
}

export type OpenedJournal =
  | { readonly ok: true; readonly sink: AnswerSink; readonly finish: () => void }
  | { readonly ok: false; readonly message: string };

/** Opens the journal for append; `finish` seals it (the session ended: end of input or bye). */
export function openKernelJournal(
  path: string,
  o: KernelJournalOptions,
  implementation: { readonly name: string; readonly version: string; readonly language: string },
  buildId: string | undefined,
): OpenedJournal {
  try {
    const writer = openForAppend(path, {
      implementation,
      ...(buildId !== undefined && buildId !== '' ? { buildId } : {}),
      ...(o.policy !== undefined ? { policy: o.policy } : {}),
      ...(o.checkpointInterval !== undefined ? { checkpointInterval: o.checkpointInterval } : {}),
    });
    return {
      ok: true,
      sink: journalSink(writer),
      finish: () => {
        writer.seal();
        writer.close();
      },
    };
  } catch (e) {
    if (e instanceof JournalRefused) return { ok: false, message: e.message };
    throw e;
  }
}
