// Turns loaded inputs into the page's data (schemas/report_data.schema.json): one part per
// input kind, merged; gates no input covered are shown as absent; the result is checked
// against its own schema before it is written.
import { resolve } from 'node:path';
import type { Gate, ReportData, ReportHistoryLine, Timeline } from '../../generated/ts/types.js';
import { validate } from '../contracts/validate.js';
import { compatPart } from './compat-input.js';
import { loadFixtureTrace, type FixtureTrace } from './fixture-trace.js';
import { campaignFromReports, type FuzzCampaign } from './fuzz-campaign.js';
import { campaignFromMerged, campaignFromShards } from './fuzz-campaign-v1.js';
import { fuzzPart } from './fuzz-input.js';
import { journalPart } from './journal-input.js';
import type { LoadedInputs } from './load-inputs.js';
import { parityPart } from './parity-input.js';
import { historyLine, historyPoint, signatureAges, type SignatureAges } from './report-history.js';
import { reportMatrices } from './report-matrices.js';
import { emptyPart, GROUPS_MAX, type ReportPart } from './report-part.js';

export interface BuildOptions {
  readonly cwd: string;
  readonly title: string;
  /** Label of this run in the history (default run-N). */
  readonly label?: string;
}

export interface BuiltReport {
  readonly data: ReportData;
  /** This run's history line (appended by the CLI when asked). */
  readonly historyLine: ReportHistoryLine;
  readonly warnings: readonly string[];
}

/** Warnings of unreadable fixtures, named one by one up to this many, then summed up. */
const UNREADABLE_NAMED_MAX = 5;

async function traces(files: readonly string[], cwd: string, warnings: string[]): Promise<Map<string, FixtureTrace>> {
  const out = new Map<string, FixtureTrace>();
  const unreadable: string[] = [];
  for (const file of [...new Set(files)]) {
    const trace = await loadFixtureTrace(file, resolve(cwd, file));
    if (trace === undefined) unreadable.push(file);
    else out.set(file, trace);
  }
  for (const file of unreadable.slice(0, UNREADABLE_NAMED_MAX)) warnings.push(`${file}: cannot read this fixture: its cells and timeline are left out`);
  if (unreadable.length > UNREADABLE_NAMED_MAX) {
    warnings.push(`${unreadable.length - UNREADABLE_NAMED_MAX} more fixtures cannot be read from ${cwd}: run the report where the parity run ran (fixture paths are relative to it)`);
  }
  return out;
}

function timelineOfTrace(t: FixtureTrace): Timeline {
  return { name: t.name, file: t.file, steps: t.steps.map((s) => ({ index: s.index, op: s.op, label: s.label })), ticks: t.steps.flatMap((s) => s.transitions.map((x) => ({ step: s.index, ...x }))), marks: [] };
}

function absentGates(gates: readonly Gate[]): Gate[] {
  const commands: Record<Gate['gate'], string> = {
    parity: 'pnpm parity --report reports/parity.jsonl',
    fuzz: 'pnpm fuzz --runs 200 --report reports/fuzz.json',
    replay: 'lockstep journal compare --json A B > reports/journal-compare.json',
    compat: 'lockstep compat --format json > reports/compat.json',
  };
  return (Object.keys(commands) as Gate['gate'][])
    .filter((g) => !gates.some((x) => x.gate === g))
    .map((g) => ({ gate: g, subject: 'no input', status: 'absent', summary: `no ${g} input was given; write one with: ${commands[g]}`, metrics: [], red: [], red_total: 0 }));
}

function merge(parts: readonly ReportPart[]): ReportPart {
  return {
    gates: parts.flatMap((p) => p.gates),
    coverage: parts.flatMap((p) => p.coverage),
    divergences: parts.flatMap((p) => p.divergences),
    timelines: parts.flatMap((p) => p.timelines),
    findings: parts.flatMap((p) => p.findings),
    totals: Object.assign({}, ...parts.map((p) => p.totals)) as ReportPart['totals'],
  };
}

/** Adds new / known / fixed signature counts to a fuzz gate. */
function withAges(gates: readonly Gate[], ages: SignatureAges, noHistory: boolean): Gate[] {
  return gates.map((g) =>
    g.gate !== 'fuzz'
      ? g
      : {
          ...g,
          summary: `${g.summary}; signatures ${ages.new.length} new, ${ages.known.length} known, ${ages.fixed.length} fixed${noHistory ? ' (no history: every signature counts as new)' : ''}`,
          metrics: [...g.metrics, { name: 'signatures new', value: ages.new.length }, { name: 'signatures known', value: ages.known.length }, { name: 'signatures fixed', value: ages.fixed.length }],
        },
  );
}

export async function buildReportData(inputs: LoadedInputs, options: BuildOptions): Promise<BuiltReport> {
  const warnings: string[] = [];
  const parts: ReportPart[] = [emptyPart];
  const signatures: string[] = [];
  if (inputs.parity.length > 0) parts.push(parityPart(inputs.parity, await traces(inputs.parity.map((l) => l.file), options.cwd, warnings)));
  const campaigns: FuzzCampaign[] = [
    ...inputs.fuzz.map((r) => campaignFromReports([r])),
    ...(inputs.fuzzShards.length > 0 ? [campaignFromReports(inputs.fuzzShards)] : []),
    ...(inputs.shardFiles.length > 0 ? [campaignFromShards(inputs.shardFiles)] : []),
    ...inputs.merged.map((m) => campaignFromMerged(m.report, m.file)),
  ];
  for (const campaign of campaigns) {
    const regressionFiles = campaign.failures.flatMap((f) => (f.regression !== undefined ? [f.regression] : []));
    const regressions = await traces(regressionFiles, options.cwd, warnings);
    const part = fuzzPart(campaign, regressions);
    signatures.push(...part.signatures);
    parts.push({ ...part, gates: withAges(part.gates, part.ages ?? signatureAges(part.signatures, inputs.history), inputs.history.length === 0 && part.ages === undefined) });
    const known = new Set(parts.flatMap((p) => p.timelines.map((t) => t.name)));
    parts.push({ ...emptyPart, timelines: [...regressions.values()].filter((t) => !known.has(t.name)).map(timelineOfTrace) });
  }
  for (const c of inputs.compat) parts.push(compatPart(c.report, c.file));
  for (const j of inputs.journals) parts.push(journalPart(j.compare, j.file));
  const merged = merge(parts);
  const line = historyLine(options.label ?? `run-${inputs.history.length + 1}`, merged.coverage, merged.totals, [...new Set(signatures)].sort());
  const gates = merged.gates;
  const data: ReportData = {
    report_data_version: 1,
    title: options.title,
    inputs: inputs.summary,
    gates: [...gates, ...absentGates(gates)],
    matrices: [...reportMatrices],
    coverage: [...merged.coverage],
    divergences: [...merged.divergences].sort((a, b) => b.occurrences - a.occurrences).slice(0, GROUPS_MAX),
    divergence_groups_total: merged.divergences.length,
    timelines: [...merged.timelines],
    findings: [...merged.findings],
    history: [...inputs.history, line].map(historyPoint),
  };
  const check = validate('ReportData', data);
  if (!check.ok) throw new Error(`report data does not match schemas/report_data.schema.json: ${check.errors[0]!.message}`);
  return { data, historyLine: line, warnings };
}
