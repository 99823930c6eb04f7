/** One measured figure of a bench section (e.g. `canonicalize, step result`: 410000 ops/s). */
export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  note?: string;
}

/** A ratio between two figures measured in the same run (e.g. canonicalize / JSON.stringify). */
export interface BenchRatio {
  name: string;
  value: number;
  note?: string;
}

/** What every section module in `scripts/bench/` returns from `run(ctx)`. */
export interface BenchSection {
  title: string;
  rows: BenchRow[];
  ratios?: BenchRatio[];
}

/** Handed to every section: shared settings and helpers, so sections measure alike. */
export interface BenchContext {
  /** Repository root (absolute). */
  root: string;
  /** `--quick`: shorter measuring windows, for a smoke run; figures are rougher. */
  quick: boolean;
  /** Minimum measuring window per figure, in milliseconds (shorter when `quick`). */
  windowMs: number;
  /** Progress lines go to stderr so that stdout carries only the report. */
  log(message: string): void;
}

/** The shape of a section module: `export async function run(ctx): Promise<BenchSection>`. */
export interface BenchSectionModule {
  run(ctx: BenchContext): Promise<BenchSection>;
}
