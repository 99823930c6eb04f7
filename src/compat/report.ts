// The result of one run, in the shape `--format json` prints (schemas/compat_report.schema.json).
import { applyAcks, type Ack } from './acks.js';
import type { Comparison } from './compare-sets.js';
import { breaksIn, findingPointer, type Finding } from './finding.js';
import { modeDirections, type Mode } from './modes.js';
import { ruleById } from './rules.js';
import { worst, type Verdict } from './verdicts.js';

export interface ReportFinding {
  readonly rule: string;
  readonly directions: readonly string[];
  readonly categories: readonly string[];
  readonly severity: string;
  /** Breaks a direction the mode checks and is not acknowledged. */
  readonly breaking: boolean;
  readonly schema: string;
  readonly contract: string;
  readonly old_pointer?: string;
  readonly new_pointer?: string;
  readonly instance_path: string;
  readonly message: string;
  /** `schemas/<schema>` and the finding's pointer, for readers that show a location. */
  readonly file: string;
  readonly pointer: string;
  readonly witness?: { readonly source: string; readonly instance_json: string };
  readonly acknowledged?: string;
}

export interface CompatReport {
  readonly report: 'compat';
  readonly mode: Mode;
  readonly verdict: Verdict;
  /** The --against value, when one was given (absent: the recorded releases). */
  readonly baseline?: string;
  /** Every finding of every comparison, flattened (what `lockstep report` reads). */
  readonly findings: ReportFinding[];
  readonly comparisons: {
    readonly baseline: string;
    readonly verdict: Verdict;
    readonly findings: ReportFinding[];
    readonly contracts: Comparison['contracts'];
  }[];
  readonly stale_acks: Ack[];
  /** Set by a release gate run (--gate): the pending major changesets that cover its breaks. */
  readonly covered_by_changesets?: readonly string[];
}

function reportFinding(f: Finding, mode: Mode): ReportFinding {
  const rule = ruleById(f.rule);
  const breaks = modeDirections(mode).some((d) => breaksIn(f, d));
  return {
    rule: f.rule,
    directions: rule.directions,
    categories: rule.categories,
    severity: rule.severity,
    breaking: breaks && f.acknowledged === undefined,
    schema: f.schema,
    contract: f.contract,
    ...(f.oldPointer === null ? {} : { old_pointer: f.oldPointer }),
    ...(f.newPointer === null ? {} : { new_pointer: f.newPointer }),
    instance_path: f.instancePath,
    message: f.message,
    file: `schemas/${f.schema}`,
    pointer: findingPointer(f),
    ...(f.witness === undefined ? {} : { witness: { source: f.witness.source, instance_json: JSON.stringify(f.witness.instance) } }),
    ...(f.acknowledged === undefined ? {} : { acknowledged: f.acknowledged }),
  };
}

export function buildReport(mode: Mode, comparisons: readonly Comparison[], acks: readonly Ack[], against?: string): CompatReport {
  const stale = applyAcks(acks, comparisons.flatMap((c) => c.findings));
  const dirs = modeDirections(mode);
  const out = comparisons.map((c) => {
    const findings = c.findings.map((f) => reportFinding(f, mode));
    const verdicts: Verdict[] = c.contracts.flatMap((v) => dirs.map((d) => (d === 'BACKWARD' ? v.backward : v.forward)));
    const anyBreak = findings.some((f) => f.breaking);
    const nonAcked = verdicts.filter((v) => v !== 'breaking');
    const verdict = anyBreak ? 'breaking' : worst(nonAcked.length > 0 ? nonAcked : ['identical']);
    return { baseline: c.baseline, verdict, findings, contracts: c.contracts };
  });
  return {
    report: 'compat',
    mode,
    verdict: worst(out.map((c) => c.verdict)),
    ...(against === undefined ? {} : { baseline: against }),
    findings: out.flatMap((c) => c.findings),
    comparisons: out,
    stale_acks: stale,
  };
}

/** 0 compatible (or only acknowledged breaks), 1 a breaking finding or a stale ack. */
export function exitCodeOf(report: CompatReport): number {
  return report.verdict === 'breaking' || report.stale_acks.length > 0 ? 1 : 0;
}
