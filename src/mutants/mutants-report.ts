/**
 * The mutation report of one kernel (one shard or merged): counts per status, the score, and
 * the survivors by file and line. The score is killed (timeouts included: a hang is caught)
 * over every mutant run that builds and is not argued equivalent.
 */
import type { KernelName, MutantResult, MutantStatus } from './mutant.js';

export interface MutantsReport {
  readonly report_version: 1;
  readonly kernel: KernelName;
  readonly shard: { readonly index: number; readonly count: number };
  /** Mutants the kernel has in all, and how many fell to this shard. */
  readonly listed: number;
  readonly in_shard: number;
  readonly results: readonly MutantResult[];
  /** Listed-equivalent mutants that were killed, and entries naming no mutant: each fails the run. */
  readonly ratchet: readonly string[];
  readonly elapsed_ms: number;
}

export type StatusCounts = Record<MutantStatus | 'not_run', number>;

export function statusCounts(r: MutantsReport): StatusCounts {
  const c: StatusCounts = { killed: 0, survived: 0, timeout: 0, unviable: 0, equivalent: 0, not_run: r.in_shard - r.results.length };
  for (const x of r.results) c[x.status] += 1;
  return c;
}

/** Killed (timeouts counted as caught) over those that ran, built and are not equivalent; undefined with none. */
export function mutationScore(c: StatusCounts): number | undefined {
  const judged = c.killed + c.timeout + c.survived;
  return judged === 0 ? undefined : (c.killed + c.timeout) / judged;
}

export function failedMutants(r: MutantsReport): boolean {
  return r.ratchet.length > 0 || r.results.some((x) => x.status === 'survived');
}

/** One result per mutant: a re-run (a later report on the command line) supersedes an earlier one. */
function lastJudgement(results: readonly MutantResult[]): MutantResult[] {
  return [...new Map(results.map((x) => [x.id, x])).values()];
}

/**
 * A merged report seen against the code and the equivalence list as they are now: results of
 * mutants that no longer exist are dropped (counted in the returned `dropped`), every current
 * mutant without a result is not run, and equivalence is re-read (it is an argument about the
 * code, not a judgement: a survivor argued since the run counts as equivalent, a mutant whose
 * argument was withdrawn counts as survived again).
 */
export function againstCurrent(r: MutantsReport, currentIds: readonly string[], equivalent: ReadonlyMap<string, string>): { report: MutantsReport; dropped: number } {
  const ids = new Set(currentIds);
  const kept = r.results.filter((x) => ids.has(x.id));
  const results = kept.map((x): MutantResult => {
    const listed = equivalent.get(x.id);
    if (x.status === 'survived' && listed !== undefined) return { ...x, status: 'equivalent', by: listed };
    if (x.status === 'equivalent' && listed === undefined) {
      const { by: _argued, ...rest } = x;
      return { ...rest, status: 'survived' };
    }
    return x;
  });
  return { report: { ...r, listed: ids.size, in_shard: ids.size, results }, dropped: r.results.length - kept.length };
}

export function mergeMutantsReports(reports: readonly MutantsReport[]): MutantsReport {
  const first = reports[0];
  if (first === undefined) throw new Error('mutants --merge: no reports to merge');
  if (reports.some((r) => r.kernel !== first.kernel)) throw new Error('mutants --merge: reports of different kernels');
  return {
    report_version: 1,
    kernel: first.kernel,
    shard: { index: 0, count: 1 },
    listed: first.listed,
    in_shard: reports.reduce((n, r) => n + r.in_shard, 0),
    results: lastJudgement(reports.flatMap((r) => r.results)).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    ratchet: [...new Set(reports.flatMap((r) => r.ratchet))],
    elapsed_ms: Math.max(...reports.map((r) => r.elapsed_ms)),
  };
}

export function formatMutantsReport(r: MutantsReport): string {
  const c = statusCounts(r);
  const score = mutationScore(c);
  const ran = r.results.length;
  const lines = [
    `mutants ${r.kernel}${r.shard.count > 1 ? ` shard ${r.shard.index}/${r.shard.count}` : ''}: ${ran} of ${r.in_shard} run (${r.listed} listed in all), ${(r.elapsed_ms / 1000).toFixed(0)} s`,
    `killed ${c.killed}, timed out ${c.timeout}, survived ${c.survived}, equivalent ${c.equivalent}, unviable ${c.unviable}, not run ${c.not_run}`,
    `score ${score === undefined ? 'n/a' : `${(score * 100).toFixed(1)} %`} of non-equivalent mutants killed (among those run)`,
  ];
  for (const x of r.results.filter((y) => y.status === 'survived')) lines.push(`SURVIVED ${x.file}:${x.line} ${x.description}  [${x.id}]`);
  for (const p of r.ratchet) lines.push(`RATCHET ${p}`);
  return lines.join('\n');
}
