// One baseline against the current contracts: rule findings, then per contract sampling in
// both directions, verdicts, and witnesses for the breaks.
import { closureFiles, closureText } from './closure.js';
import { changedUnits, type SampleUnit } from './sample-units.js';
import { compareData } from './compare-data.js';
import { compareSchemas } from './compare-contracts.js';
import type { ContractSet } from './contract-set.js';
import { breaksIn, type Finding } from './finding.js';
import type { Direction } from './rules.js';
import { sampleContract, type SampleResult } from './sampling.js';
import { CompiledSet } from './validators.js';
import { directionVerdict, type Verdict } from './verdicts.js';
import { attachWitnesses, corpusWitness } from './witnesses.js';

export interface SampleOptions {
  /** Instances per contract and direction; 0 turns sampling (and generated witnesses) off. */
  readonly samples: number;
  readonly seed: number;
  /** Repository root whose `fixtures/` hold real instances for witnesses; none to skip. */
  readonly corpusRoot: string | undefined;
}

export interface ContractVerdict {
  readonly contract: string;
  readonly backward: Verdict;
  readonly forward: Verdict;
  readonly sampled: { readonly backward: number; readonly forward: number };
  /** Branches sampling never reached (why a verdict is unproven). */
  readonly missed: readonly string[];
}

export interface Comparison {
  readonly baseline: string;
  readonly findings: Finding[];
  readonly contracts: ContractVerdict[];
}

function samplingFinding(contract: string, file: string, direction: Direction, sample: SampleResult): Finding {
  const r = sample.refused[0]!;
  const rule = direction === 'BACKWARD' ? 'SAMPLE_REFUSED_BY_NEW' : 'SAMPLE_REFUSED_BY_OLD';
  const [accepts, refuses] = direction === 'BACKWARD' ? ['old', 'new'] : ['new', 'old'];
  return {
    rule,
    schema: file,
    contract: file,
    oldPointer: contract.includes('#') ? contract : `${contract}#`,
    newPointer: contract.includes('#') ? contract : `${contract}#`,
    instancePath: r.errorPath,
    message: `${contract}: ${sample.refused.length} sampled instance(s) the ${accepts} schema accepts are refused by the ${refuses} one at ${r.errorPath || '/'}, and no rule explains it`,
    witness: { source: 'generated', instance: r.instance },
  };
}

function dedupe(findings: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.rule}|${f.oldPointer}|${f.newPointer}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

interface UnitResult {
  readonly unit: SampleUnit;
  readonly back: SampleResult;
  readonly fwd: SampleResult;
}

function sampleUnits(oldSet: ContractSet, newSet: ContractSet, opts: SampleOptions, all: Finding[]): UnitResult[] {
  if (opts.samples <= 0) return [];
  const compiled = { old: new CompiledSet(oldSet), new: new CompiledSet(newSet) };
  const o = { set: oldSet, compiled: compiled.old };
  const n = { set: newSet, compiled: compiled.new };
  const results: UnitResult[] = [];
  for (const unit of changedUnits(oldSet, newSet)) {
    const back = sampleContract(unit.file, unit.pointer, o, n, opts.samples, opts.seed);
    const fwd = sampleContract(unit.file, unit.pointer, n, o, opts.samples, opts.seed);
    const prefix = `${unit.file}#${unit.pointer}`;
    const mine = all.filter((f) => (f.oldPointer ?? '').startsWith(prefix) || (f.newPointer ?? '').startsWith(prefix) || (unit.pointer === '' && f.contract === unit.file));
    const label = unit.pointer === '' ? unit.file : prefix;
    if (back.refused.length > 0 && !mine.some((f) => breaksIn(f, 'BACKWARD'))) all.push(samplingFinding(label, unit.file, 'BACKWARD', back));
    if (fwd.refused.length > 0 && !mine.some((f) => breaksIn(f, 'FORWARD'))) all.push(samplingFinding(label, unit.file, 'FORWARD', fwd));
    const root = opts.corpusRoot;
    const corpus = (): { source: string; instance: unknown } | undefined =>
      root === undefined ? undefined : corpusWitness(root, compiled.old.check(unit.file, unit.pointer), compiled.new.check(unit.file, unit.pointer));
    attachWitnesses(mine, back.refused, fwd.refused, corpus);
    results.push({ unit, back, fwd });
  }
  return results;
}

function merged(results: readonly UnitResult[], pick: (r: UnitResult) => SampleResult): SampleResult | undefined {
  if (results.length === 0) return undefined;
  const parts = results.map(pick);
  return {
    valid: Math.min(...parts.map((p) => p.valid)),
    refused: parts.flatMap((p) => p.refused),
    missed: [...new Set(parts.flatMap((p) => p.missed))].sort(),
  };
}

export function compareSets(oldSet: ContractSet, newSet: ContractSet, opts: SampleOptions): Comparison {
  const all = [...compareSchemas(oldSet, newSet), ...compareData(oldSet, newSet)];
  const units = sampleUnits(oldSet, newSet, opts, all);
  const contracts: ContractVerdict[] = [];
  for (const file of oldSet.schemas.keys()) {
    if (!newSet.schemas.has(file)) continue;
    if (closureText(oldSet, file) === closureText(newSet, file)) {
      contracts.push({ contract: file, backward: 'identical', forward: 'identical', sampled: { backward: 0, forward: 0 }, missed: [] });
      continue;
    }
    const reach = new Set([...closureFiles(oldSet, file), ...closureFiles(newSet, file)]);
    const mine = all.filter((f) => f.contract === file || reach.has(f.schema));
    const reached = units.filter((u) => reach.has(u.unit.file));
    const docsOnly = opts.samples > 0 && reached.length === 0;
    const back = merged(reached, (r) => r.back);
    const fwd = merged(reached, (r) => r.fwd);
    contracts.push({
      contract: file,
      backward: directionVerdict(mine, 'BACKWARD', back, opts.samples, docsOnly),
      forward: directionVerdict(mine, 'FORWARD', fwd, opts.samples, docsOnly),
      sampled: { backward: back?.valid ?? 0, forward: fwd?.valid ?? 0 },
      missed: back === undefined ? [] : [...new Set([...back.missed, ...(fwd?.missed ?? [])])].sort(),
    });
  }
  return { baseline: oldSet.label, findings: dedupe(all), contracts };
}
