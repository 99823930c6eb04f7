// A compat report (`lockstep compat --format json`) as the compat gate and its findings. The
// accepted shape is schemas/inputs/compat_report.schema.json: findings with a rule id and a
// breaking flag (or a severity); acknowledged breaks do not fail the gate.
import type { Finding, Gate } from '../../generated/ts/types.js';
import { RED_ITEMS_MAX, type ReportPart } from './report-part.js';

export interface CompatFinding {
  readonly rule: string;
  readonly breaking?: boolean;
  readonly severity?: string;
  readonly pointer?: string;
  readonly path?: string;
  readonly file?: string;
  readonly message?: string;
  readonly direction?: string;
  readonly acked?: boolean;
  /** The reason of the ack that accepts this break (lockstep compat's report). */
  readonly acknowledged?: string;
}

export interface CompatReport {
  readonly baseline?: string;
  readonly findings: readonly CompatFinding[];
  /** Acks that matched no finding: each fails the run. */
  readonly stale_acks?: readonly { readonly rule: string; readonly schema: string; readonly pointer: string }[];
  readonly comparisons?: readonly { readonly baseline: string }[];
  /** Pending major changesets that cover the breaks (a `lockstep compat --gate` run). */
  readonly covered_by_changesets?: readonly string[];
}

// `breaking` (when present) already weighs the mode's directions and acks; severity is the rule's.
const isBreaking = (f: CompatFinding): boolean => f.breaking ?? (f.severity === 'breaking' || f.severity === 'error');

const isAcked = (f: CompatFinding): boolean => f.acked === true || f.acknowledged !== undefined;

function toFinding(f: CompatFinding): Finding {
  const severity = isBreaking(f) && !isAcked(f) ? 'breaking' : f.severity === 'info' ? 'info' : 'warning';
  const where = [f.file, f.path ?? f.pointer].filter((x) => x !== undefined && x !== '').join(' ');
  const message = [f.message ?? f.rule, f.direction ? `(${f.direction})` : '', isAcked(f) ? `[acked${f.acknowledged ? `: ${f.acknowledged}` : ''}]` : ''].filter(Boolean).join(' ');
  return { source: 'compat', severity, rule: f.rule, where, message };
}

export function compatPart(report: CompatReport, file: string): ReportPart {
  const findings = report.findings.map(toFinding);
  const breaking = findings.filter((f) => f.severity === 'breaking');
  const baseline = report.baseline ?? (report.comparisons?.map((c) => c.baseline).join(', ') || 'the baseline');
  const command = `lockstep compat --format json${report.baseline ? ` --against ${report.baseline}` : ''}`;
  const stale = (report.stale_acks ?? []).map((a) => ({ what: `stale ack: ${a.rule} at ${a.schema}#${a.pointer} matches no finding (remove it)`, command }));
  // As the release gate decides: breaks a pending major changeset covers do not fail it (they
  // stay listed as breaking findings); stale acks always do.
  const covered = report.covered_by_changesets ?? [];
  const failing = covered.length > 0 ? [] : breaking;
  const coverage = covered.length > 0 && breaking.length > 0 ? `, covered by the pending major changeset(s) ${covered.join(', ')}` : '';
  const gate: Gate = {
    gate: 'compat',
    subject: baseline,
    status: failing.length + stale.length > 0 ? 'fail' : 'pass',
    summary: `${findings.length} change(s) against ${baseline}: ${breaking.length} breaking (not acked)${coverage}, ${findings.length - breaking.length} other (${file})`,
    metrics: [
      { name: 'findings', value: findings.length },
      { name: 'breaking', value: breaking.length },
      { name: 'stale acks', value: stale.length },
    ],
    red: [...stale, ...failing.map((f) => ({ what: `${f.rule} at ${f.where || '(root)'}: ${f.message}`, command }))].slice(0, RED_ITEMS_MAX),
    red_total: failing.length + stale.length,
  };
  return { gates: [gate], coverage: [], divergences: [], timelines: [], findings, totals: {} };
}
