/**
 * One file codegen writes: its path relative to the repository root and its full content.
 * Every generator returns these; only `codegen/output.ts` (called by `codegen/run.ts`) touches the disk.
 */
export interface GeneratedFile {
  /** Path relative to the repository root, with `/` separators, e.g. `generated/ts/types.ts`. */
  readonly path: string;
  /** Complete file content, preamble included, ending with a newline. */
  readonly content: string;
}

/**
 * A small line printer so that emitters compose parts instead of concatenating strings
 * by hand. Lines are joined with `\n` and the file always ends with exactly one newline.
 */
export class FilePrinter {
  readonly #lines: string[] = [];

  /** Appends one line made of the given parts (nothing between them). */
  print(...parts: string[]): this {
    this.#lines.push(parts.join(''));
    return this;
  }

  /** Appends a block of text as it is (split on newlines). */
  printBlock(text: string): this {
    for (const line of text.replace(/\n+$/, '').split('\n')) this.#lines.push(line);
    return this;
  }

  /** Appends an empty line unless the last line is already empty. */
  blank(): this {
    if (this.#lines.length > 0 && this.#lines[this.#lines.length - 1] !== '') this.#lines.push('');
    return this;
  }

  /** Builds the file: preamble first, then the printed lines. */
  toFile(path: string, preambleText: string): GeneratedFile {
    const body = this.#lines.join('\n').replace(/\s+$/, '');
    return { path, content: `${preambleText}\n${body}\n` };
  }
}
