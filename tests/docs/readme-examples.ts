// The command examples of README.md: every line of every ```sh block, its trailing comment
// dropped, and how a test runs it (pnpm aliases expanded from package.json's scripts, so the
// test needs no package manager; `pnpm lockstep` and `npx lockstep` run the CLI from source).

export interface Example {
  /** As written in the README (without its comment). */
  readonly command: string;
  /** 1-based line in README.md. */
  readonly line: number;
}

/** Drops a trailing `  # comment` (two spaces or more before the #, outside quotes). */
export function dropComment(line: string): string {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i += 1) {
    const c = line[i]!;
    if (quote !== undefined) {
      if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '#' && /\s{2,}$/.test(line.slice(0, i))) return line.slice(0, i).trimEnd();
  }
  return line.trimEnd();
}

export function readmeExamples(markdown: string): Example[] {
  const examples: Example[] = [];
  let inBlock = false;
  markdown.split('\n').forEach((text, index) => {
    if (/^```sh\s*$/.test(text)) inBlock = true;
    else if (text.startsWith('```')) inBlock = false;
    else if (inBlock && text.trim() !== '') examples.push({ command: dropComment(text), line: index + 1 });
  });
  return examples;
}

/** The shell text a test runs for `command`: aliases expanded, the CLI from source. */
export function expandExample(command: string, scripts: Readonly<Record<string, string>>, cli: string): string {
  return command
    .replace(/\b(?:pnpm|npx) lockstep\b/g, cli)
    .replace(/\bpnpm (?:run )?([a-z][\w:-]*)/g, (whole, name: string) => {
      const script = scripts[name];
      return script === undefined ? whole : script.replace(/^tsx src\/cli\/main\.ts\b/, cli);
    });
}
