// One fuzz campaign as the report sees it, whatever file it came from: a run's report (or
// `pnpm fuzz --merge` of them), shard result files (lockstep.fuzz_shard.v1), or a merged report
// (lockstep.fuzz_merged.v1). Failures are deduplicated by signature here.
import { mergeReports, type FuzzReport } from '../fuzz/fuzz-report.js';

export interface CampaignFailure {
  readonly signature: string;
  readonly kind: string;
  readonly implementation: string;
  readonly summary: string;
  readonly repro: string;
  /** Occurrences of this signature. */
  readonly count: number;
  /** The merge's verdict, when the input had one. */
  readonly status?: string;
  readonly regression?: string;
  readonly step?: number;
  readonly pointer?: string;
  /** The scenario shown for it (exemplar source or seed). */
  readonly name: string;
}

export interface FuzzCampaign {
  readonly name: string;
  readonly runs: number;
  readonly steps: number;
  /** Wall time of the slowest shard (shards run side by side). */
  readonly elapsedMs: number;
  readonly failures: readonly CampaignFailure[];
  readonly coverage: { readonly slot: Readonly<Record<string, number>>; readonly order: Readonly<Record<string, number>> };
  /** Missing or partial shards and merge problems: each fails the gate. */
  readonly problems: readonly { readonly what: string; readonly command: string }[];
  /** Signatures the merge found fixed, when it said. */
  readonly fixed?: readonly string[];
}

/** A failure's signature when the fuzzer gave none: kind, side and the summary's shape. */
export function legacySignature(kind: string, implementation: string, summary: string): string {
  return `${kind} on ${implementation}: ${summary.replace(/^[^:]*: /, '').replace(/-?\d+(\.\d+)?/g, '#')}`;
}

/** Shard numbers (1-based, as `pnpm fuzz --shard I/N` writes them) a set of shard reports lacks. */
export function missingShards(reports: readonly FuzzReport[]): number[] {
  const count = Math.max(...reports.map((r) => r.shard.count));
  const have = new Set(reports.map((r) => r.shard.index));
  return Array.from({ length: count }, (_, i) => i + 1).filter((i) => !have.has(i));
}

/** Reports of `pnpm fuzz` (one run, or the shards of one run, merged here). */
export function campaignFromReports(reports: readonly FuzzReport[]): FuzzCampaign {
  const sharded = reports.some((r) => r.shard.count > 1);
  const count = Math.max(...reports.map((r) => r.shard.count));
  const report = reports.length === 1 ? reports[0]! : mergeReports(reports);
  const bySignature = new Map<string, CampaignFailure>();
  for (const f of report.failures) {
    const signature = (f as { signature?: string }).signature ?? legacySignature(f.kind, f.implementation, f.summary);
    const seen = bySignature.get(signature);
    if (seen) bySignature.set(signature, { ...seen, count: seen.count + 1 });
    else bySignature.set(signature, { signature, kind: f.kind, implementation: f.implementation, summary: f.summary, repro: f.repro, count: 1, name: `seed ${f.seed}`, ...(f.regression !== undefined ? { regression: f.regression } : {}) });
  }
  return {
    name: `fuzz: seed ${report.seed}, ${report.level}`,
    runs: report.scenarios,
    steps: report.steps,
    elapsedMs: report.elapsed_ms,
    failures: [...bySignature.values()],
    coverage: report.coverage,
    problems: (sharded ? missingShards(reports) : []).map((i) => ({ what: `shard ${i}/${count} has no report`, command: `pnpm fuzz --seed ${report.seed} --level ${report.level} --shard ${i}/${count}` })),
  };
}
