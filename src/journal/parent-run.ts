// The run a new journal continues (`--continues FILE`): a journal that ended cleanly, usually
// sealed by a clean stop, is named in the new journal's header as its parent run: the build
// that wrote its chain head, and that head. The Rust twin is parent_run.rs.
import type { JournalParentRun } from '../../generated/ts/types.js';
import { describeDecision } from './journal-decision.js';
import { scanJournal } from './journal-scan.js';

/** The parent run named by `path`, or why it cannot be continued (torn, damaged, empty, missing). */
export function parentRunOf(path: string): { readonly ok: true; readonly parent: JournalParentRun } | { readonly ok: false; readonly message: string } {
  let scan;
  try {
    scan = scanJournal(path, 'full');
  } catch (e) {
    return { ok: false, message: `${path}: ${(e as Error).message}` };
  }
  const d = scan.decision;
  if ((d.case !== 'sealed' && d.case !== 'clean') || scan.state === undefined) {
    return { ok: false, message: `${describeDecision(path, d)} (only a sealed or clean journal can be continued)` };
  }
  return { ok: true, parent: { build_id: scan.state.runBuildId ?? 'unknown', checksum: d.head, index: d.records } };
}
