/**
 * One planted single-point change in a kernel's source (a mutant), and what became of it.
 * Ids name kernel, file, line, column and the change, so that the list of mutants argued
 * equivalent (`mutants/equivalent.json`) can name them.
 */
export type KernelName = 'ts' | 'rust';

export interface Mutant {
  readonly kernel: KernelName;
  /** Path from the repository root. */
  readonly file: string;
  /** 1-based line and column of the replaced text. */
  readonly line: number;
  readonly column: number;
  /** Offsets of the replaced text in the file (UTF-16 code units), end exclusive. */
  readonly start: number;
  readonly end: number;
  readonly original: string;
  readonly replacement: string;
  /** What the mutant does, for people (the function it is in, when known). */
  readonly description: string;
}

/**
 * killed: the parity corpus or the fuzz run told it apart; survived: neither did; timeout: the
 * judge ran past its bound (a hang counts as caught, reported apart); unviable: it does not
 * build; equivalent: survived and argued equivalent in the committed list.
 */
export type MutantStatus = 'killed' | 'survived' | 'timeout' | 'unviable' | 'equivalent';

export interface MutantResult {
  readonly id: string;
  readonly kernel: KernelName;
  readonly file: string;
  readonly line: number;
  readonly description: string;
  readonly status: MutantStatus;
  /** What killed it (a fixture and step, or a fuzz failure), or why it did not count. */
  readonly by?: string;
  readonly ms: number;
}

export function mutantId(m: Pick<Mutant, 'kernel' | 'file' | 'line' | 'column' | 'original' | 'replacement'>): string {
  return `${m.kernel}:${m.file}:${m.line}:${m.column}: ${m.original} -> ${m.replacement}`;
}

/** The file's text with the mutant applied. */
export function applyMutant(text: string, m: Mutant): string {
  if (text.slice(m.start, m.end) !== m.original) throw new Error(`mutant ${mutantId(m)} does not match ${m.file} (the file changed since it was listed)`);
  return text.slice(0, m.start) + m.replacement + text.slice(m.end);
}
