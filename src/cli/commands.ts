// The table of subcommands. Each is loaded only when it runs, so `lockstep kernel` starts
// without the harness, the fuzzer or the report code.
import type { CliCommand } from './command.js';

export interface CommandEntry {
  readonly name: string;
  /** One line for `lockstep --help`. */
  readonly summary: string;
  readonly load: () => Promise<CliCommand>;
}

export const COMMANDS: readonly CommandEntry[] = [
  { name: 'kernel', summary: 'serve the wire protocol on stdin/stdout', load: async () => (await import('./kernel.js')).kernelCommand },
  { name: 'mutants', summary: 'plant mutants in both kernels and report the differential mutation score', load: async () => (await import('./mutants.js')).mutantsCommand },
  { name: 'show', summary: 'print a fixture as a timeline, optionally beside a second implementation', load: async () => (await import('./show.js')).showCommand },
];

export function findCommand(name: string): CommandEntry | undefined {
  return COMMANDS.find((c) => c.name === name);
}
