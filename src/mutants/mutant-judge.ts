/**
 * Judges one planted mutant, differentially: first the parity corpus against its golden
 * answers, then (if the corpus did not tell it apart) a short fuzz run with the mutated kernel
 * as the target and the unmutated TypeScript reference in this process as the judge.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runProcessImplementation } from '../harness/process-driver.js';
import { runFuzz } from '../fuzz/fuzz-run.js';
import { corpusVerdict, plannedCorpus, type CorpusVerdict } from './corpus-judge.js';
import type { KernelName, MutantStatus } from './mutant.js';
import type { ScratchCopy } from './scratch-copy.js';

export interface JudgeOptions {
  readonly repoRoot: string;
  readonly fixturesRoot: string;
  /** Scenarios of the fuzz leg (0: corpus only). */
  readonly fuzzRuns: number;
  readonly fuzzSeed: number;
  /** Bound on one fixture's or scenario's answers (a hang past it is a timeout). */
  readonly timeoutMs: number;
  /** Bound on a corpus probe. */
  readonly stepTimeoutMs: number;
  /** Bound on one build (the first, from nothing, is the long one). */
  readonly buildTimeoutMs: number;
}

export interface Judgement {
  readonly status: Exclude<MutantStatus, 'equivalent'>;
  readonly by?: string;
}

const fromCorpus = (v: CorpusVerdict): Judgement | undefined =>
  v.caught ? { status: v.hang ? 'timeout' : 'killed', by: v.by } : undefined;

/** The TypeScript kernel's corpus leg: a fresh process loading the mutated copy. */
function tsCorpus(copy: ScratchCopy, o: JudgeOptions): Judgement | undefined {
  const probe = spawnSync(process.execPath, ['--import', 'tsx', join(copy.root, 'src/mutants/corpus-probe.ts'), o.fixturesRoot], {
    cwd: copy.root,
    encoding: 'utf8',
    timeout: o.stepTimeoutMs,
    maxBuffer: 16 * 1024 * 1024,
  });
  if (probe.error !== undefined && (probe.error as NodeJS.ErrnoException).code === 'ETIMEDOUT') return { status: 'timeout', by: `parity corpus ran past ${o.stepTimeoutMs} ms` };
  const last = probe.stdout.trim().split('\n').at(-1) ?? '';
  if (probe.status !== 0 || !last.startsWith('{')) {
    // The mutated kernel does not even load or throws outside a session: no corpus passes it.
    return { status: 'killed', by: `kernel does not run: ${(probe.stderr.trim().split('\n').find((l) => /Error/.test(l)) ?? probe.stderr.trim().split('\n')[0] ?? '').slice(0, 160)}` };
  }
  return fromCorpus(JSON.parse(last) as CorpusVerdict);
}

/** The Rust kernel's build; undefined and the binary path, or unviable. */
function rustBuild(copy: ScratchCopy, o: JudgeOptions): { binary: string } | Judgement {
  const target = join(copy.root, 'target');
  const build = spawnSync('cargo', ['build', '--quiet', '--bin', 'lockstep-kernel'], {
    cwd: join(copy.root, 'rust-kernel'),
    encoding: 'utf8',
    timeout: o.buildTimeoutMs,
    env: { ...process.env, CARGO_TARGET_DIR: target },
  });
  if (build.error !== undefined) return { status: 'unviable', by: `build did not finish: ${build.error.message}` };
  if (build.status !== 0) return { status: 'unviable', by: `does not build: ${(build.stderr.split('\n').find((l) => l.startsWith('error')) ?? '').slice(0, 160)}` };
  return { binary: join(target, 'debug', 'lockstep-kernel') };
}

async function fuzzLeg(command: string, o: JudgeOptions): Promise<Judgement | undefined> {
  if (o.fuzzRuns <= 0) return undefined;
  const report = await runFuzz({
    seed: o.fuzzSeed,
    runs: o.fuzzRuns,
    shard: { index: 0, count: 1 },
    level: 'all',
    targets: [{ name: 'mutant', command }],
    cwd: o.repoRoot,
    timeoutMs: o.timeoutMs,
    regressionsDir: mkdtempSync(join(tmpdir(), 'lockstep-mutants-noregressions-')),
    stopOnFailure: false,
    skipKernelInvariants: true,
    workers: 0,
    reproCommand: () => '',
  });
  const first = report.failures[0];
  if (first === undefined) return undefined;
  return { status: first.kind === 'hang' ? 'timeout' : 'killed', by: `fuzz seed ${first.seed}: ${first.kind}: ${first.summary.slice(0, 160)}` };
}

/** Judges the mutant planted in `copy` now. */
export async function judgeMutant(kernel: KernelName, copy: ScratchCopy, o: JudgeOptions): Promise<Judgement> {
  let command: string;
  if (kernel === 'ts') {
    const corpus = tsCorpus(copy, o);
    if (corpus !== undefined) return corpus;
    command = `"${process.execPath}" --import tsx "${join(copy.root, 'src/cli/main.ts')}" kernel`;
  } else {
    const built = rustBuild(copy, o);
    if ('status' in built) return built;
    const run = await runProcessImplementation('mutant', built.binary, plannedCorpus(o.fixturesRoot), { timeoutMs: o.timeoutMs, cwd: o.repoRoot });
    const corpus = fromCorpus(corpusVerdict(run));
    if (corpus !== undefined) return corpus;
    command = built.binary;
  }
  return (await fuzzLeg(command, o)) ?? { status: 'survived' };
}
