/**
 * One planted single-point change in a kernel's source (a mutant), and what became of it.
 * Ids name kernel, file, the enclosing function, the change and its ordinal among the same
 * change in that function (not line numbers: an edit elsewhere in the file must not rename
 * every mutant below it), so that `mutants/equivalent.json` can name them.
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
  /** The enclosing function (or top-level name). */
  readonly scope: string;
  /** 1-based: which occurrence of this change in `scope` it is, in source order. */
  readonly ordinal: number;
  /** What the mutant does, for people. */
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

const idText = (x: string): string => x.replace(/\s+/g, ' ').trim() || '(nothing)';

/** How an id names the replaced text: a replaced function body (or arm) as such, its text would make ids long and fragile. */
function idOriginal(original: string): string {
  return original.length > 60 ? '(body)' : idText(original);
}

export function mutantId(m: Pick<Mutant, 'kernel' | 'file' | 'scope' | 'ordinal' | 'original' | 'replacement'>): string {
  return `${m.kernel}:${m.file}:${m.scope}: ${idOriginal(m.original)} -> ${idText(m.replacement)} #${m.ordinal}`;
}

/** Numbers each mutant among the same change in the same scope, in source order. */
export function withOrdinals<T extends Omit<Mutant, 'ordinal'>>(mutants: readonly T[]): (T & { ordinal: number })[] {
  const seen = new Map<string, number>();
  return [...mutants]
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.start - b.start || (a.replacement < b.replacement ? -1 : 1)))
    .map((m) => {
      // Counted by what the id shows, so two bodies replaced the same way get #1 and #2, never one id.
      const key = `${m.file}\u0000${m.scope}\u0000${idOriginal(m.original)}\u0000${idText(m.replacement)}`;
      const ordinal = (seen.get(key) ?? 0) + 1;
      seen.set(key, ordinal);
      return { ...m, ordinal };
    });
}

/** The file's text with the mutant applied. */
export function applyMutant(text: string, m: Mutant): string {
  if (text.slice(m.start, m.end) !== m.original) throw new Error(`mutant ${mutantId(m)} does not match ${m.file} (the file changed since it was listed)`);
  return text.slice(0, m.start) + m.replacement + text.slice(m.end);
}
