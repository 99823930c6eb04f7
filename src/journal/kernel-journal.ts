// A server's journal settings from its command line, and the journal it opens: shared by
// `lockstep kernel` and mirrored by `lockstep-kernel` (rust-kernel/src/journal/kernel_journal.rs).
import { existsSync, statSync } from 'node:fs';
import type { JournalParentRun } from '../../generated/ts/types.js';
import type { AnswerSink } from '../protocol/index.js';
import { isDurabilityPolicy, type DurabilityPolicy } from './durability.js';
import { journalSink } from './journal-sink.js';
import { JournalRefused, openForAppend } from './open-for-append.js';
import { parentRunOf } from './parent-run.js';

export interface KernelJournalOptions {
  readonly journal?: string;
  readonly policy?: DurabilityPolicy;
  readonly checkpointInterval?: number;
  /** A sealed or clean journal the new journal continues (its header names it as parent_run). */
  readonly continues?: string;
}

const FLAGS: ReadonlySet<string> = new Set(['--journal', '--durability', '--checkpoint-interval', '--continues']);

/** Parses `--journal FILE`, `--durability POLICY`, `--checkpoint-interval K`, `--continues FILE`; anything else is a usage error. */
export function journalOptions(args: readonly string[], usage: (message: string) => Error): KernelJournalOptions {
  const out: { journal?: string; policy?: DurabilityPolicy; checkpointInterval?: number; continues?: string } = {};
  for (let i = 0; i < args.length; i += 1) {
    const flag = args[i] as string;
    const value = args[i + 1];
    if (!FLAGS.has(flag)) throw usage(`unexpected argument '${flag}'`);
    if (value === undefined) throw usage(`${flag} needs a value`);
    i += 1;
    if (flag === '--journal') out.journal = value;
    else if (flag === '--continues') out.continues = value;
    else if (flag === '--durability') {
      if (!isDurabilityPolicy(value)) throw usage(`--durability must be every, batch or none, not '${value}'`);
      out.policy = value;
    } else {
      const k = Number(value);
      if (!Number.isInteger(k) || k < 2 || k > 1048576) throw usage(`--checkpoint-interval must be an integer from 2 to 1048576, not '${value}'`);
      out.checkpointInterval = k;
    }
  }
  if (out.journal === undefined && (out.policy !== undefined || out.checkpointInterval !== undefined || out.continues !== undefined)) {
    throw usage('--durability, --checkpoint-interval and --continues need --journal');
  }
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
  let parentRun: JournalParentRun | undefined;
  if (o.continues !== undefined) {
    // Only a new journal has a header to name its parent in; a journal with records continues itself.
    if (existsSync(path) && statSync(path).size > 0) return { ok: false, message: `${path}: --continues starts a new journal, but this one already holds records` };
    const parent = parentRunOf(o.continues);
    if (!parent.ok) return parent;
    parentRun = parent.parent;
  }
  try {
    const writer = openForAppend(path, {
      ...(parentRun !== undefined ? { parentRun } : {}),
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
