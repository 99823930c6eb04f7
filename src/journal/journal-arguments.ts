// The arguments of `lockstep journal <sub>`: positional files and a few named flags, each
// mistake a usage error naming the flag.

export interface JournalArguments {
  readonly files: readonly string[];
  readonly flags: ReadonlyMap<string, readonly string[]>;
}

/** Splits `args` by the flags this subcommand knows: `valued` take one value, `switches` none. */
export function parseJournalArguments(
  args: readonly string[],
  valued: readonly string[],
  switches: readonly string[],
  usage: (message: string) => Error,
): JournalArguments {
  const files: string[] = [];
  const flags = new Map<string, string[]>();
  for (let i = 0; i < args.length; i += 1) {
    const a = args[i] as string;
    if (!a.startsWith('--')) {
      files.push(a);
      continue;
    }
    if (switches.includes(a)) {
      flags.set(a, []);
      continue;
    }
    if (!valued.includes(a)) throw usage(`unknown option '${a}'`);
    const value = args[i + 1];
    if (value === undefined) throw usage(`${a} needs a value`);
    flags.set(a, [...(flags.get(a) ?? []), value]);
    i += 1;
  }
  return { files, flags };
}

/** A flag's single value as a positive integer. */
export function integerFlag(a: JournalArguments, flag: string, usage: (message: string) => Error): number | undefined {
  const v = a.flags.get(flag)?.[0];
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw usage(`${flag} must be a positive integer, not '${v}'`);
  return n;
}
