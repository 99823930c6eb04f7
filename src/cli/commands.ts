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
  { name: 'parity', summary: 'run every fixture through every implementation and diff the answers byte for byte', load: async () => (await import('./parity.js')).parityCommand },
  { name: 'fuzz', summary: 'generated scenarios through the reference and the implementations, shrinking any divergence', load: async () => (await import('./fuzz.js')).fuzzCommand },
  { name: 'protocol-soak', summary: 'hostile sessions through both servers as processes: one canonical answer per line, exit 0, same verdicts (a checkout only)', load: async () => (await import('./protocol-soak.js')).protocolSoakCommand },
  { name: 'journal', summary: 'verify, compare, export, replay and show journals; the replay regression gate', load: async () => (await import('./journal.js')).journalCommand },
  { name: 'report', summary: 'render parity, fuzz, compat and journal results as one HTML page', load: async () => (await import('./report.js')).reportCommand },
  { name: 'compat', summary: 'compare the contracts with the last release (or a git ref): breaking changes, witnesses', load: async () => (await import('./compat.js')).compatCommand },
  { name: 'mutants', summary: 'plant mutants in both kernels and report the differential mutation score', load: async () => (await import('./mutants.js')).mutantsCommand },
  { name: 'show', summary: 'print a fixture as a timeline, optionally beside a second implementation', load: async () => (await import('./show.js')).showCommand },
  { name: 'validate', summary: 'check JSON or JSON-lines instances against a contract, with every error located', load: async () => (await import('./validate.js')).validateCommand },
  { name: 'codegen', summary: 'generate types, validators, tables and docs from schemas/ (a checkout only)', load: async () => (await import('./codegen.js')).codegenCommand },
  { name: 'fixtures', summary: 'author the fixture corpus and fill its golden answers (a checkout only)', load: async () => (await import('./fixtures.js')).fixturesCommand },
  { name: 'test', summary: 'the whole test suite, vitest and cargo test, with one closing count (a checkout only)', load: async () => (await import('./test.js')).testCommand },
  { name: 'bench', summary: 'the benchmark sections: both kernels and the raw pipe side by side, as ratios (a checkout only)', load: async () => (await import('./bench.js')).benchCommand },
  { name: 'rust-build', summary: 'build the Rust kernel when it is missing or stale (a checkout only)', load: async () => (await import('./rust-build.js')).rustBuildCommand },
];

export function findCommand(name: string): CommandEntry | undefined {
  return COMMANDS.find((c) => c.name === name);
}
