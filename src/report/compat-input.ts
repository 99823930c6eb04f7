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
}

export interface CompatReport {
  readonly baseline?: string;
  readonly findings: readonly CompatFinding[];
}

// `breaking` (when present) already weighs the mode's directions and acks; severity is the rule's.
const isBreaking = (f: CompatFinding): boolean => f.breaking ?? (f.severity === 'breaking' || f.severity === 'error');

function toFinding(f: CompatFinding): Finding {
  const severity = isBreaking(f) && f.acked !== true ? 'breaking' : f.severity === 'info' ? 'info' : 'warning';
  const where = [f.file, f.path ?? f.pointer].filter((x) => x !== undefined && x !== '').join(' ');
  const message = [f.message ?? f.rule, f.direction ? `(${f.direction})` : '', f.acked ? '[acked]' : ''].filter(Boolean).join(' ');
  return { source: 'compat', severity, rule: f.rule, where, message };
}

export function compatPart(report: CompatReport, file: string): ReportPart {
  const findings = report.findings.map(toFinding);
  const breaking = findings.filter((f) => f.severity === 'breaking');
  const baseline = report.baseline ?? 'the baseline';
  const command = `lockstep compat${report.baseline ? ` --against ${report.baseline}` : ''}`;
  const gate: Gate = {
    gate: 'compat',
    subject: baseline,
    status: breaking.length > 0 ? 'fail' : 'pass',
    summary: `${findings.length} change(s) against ${baseline}: ${breaking.length} breaking (not acked), ${findings.length - breaking.length} other (${file})`,
    metrics: [
      { name: 'findings', value: findings.length },
      { name: 'breaking', value: breaking.length },
    ],
    red: breaking.slice(0, RED_ITEMS_MAX).map((f) => ({ what: `${f.rule} at ${f.where || '(root)'}: ${f.message}`, command })),
    red_total: breaking.length,
  };
  return { gates: [gate], coverage: [], divergences: [], timelines: [], findings, totals: {} };
}
