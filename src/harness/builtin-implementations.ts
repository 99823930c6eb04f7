import { join } from 'node:path';
import { IS_CHECKOUT, PACKAGE_ROOT } from '../package-root.js';
import { createReferenceSession } from './reference-session.js';
import { ensureTsServer } from './ts-server-build.js';
import {
  ensureRustKernel,
  processImplementation,
  REFERENCE_NAME,
  RUST_BINARY,
  RUST_NAME,
  TS_SERVER_COMMAND,
  TS_SERVER_LISTEN_COMMAND,
  TS_SERVER_NAME,
  type Implementation,
} from './implementation.js';

export const referenceImplementation: Implementation = {
  name: REFERENCE_NAME,
  kind: 'in-process',
  createSession: createReferenceSession,
};

// The TS server in a checkout: the CLI bundled on demand (ts-server-build.ts); from an installed
// package, its built CLI. Either way it runs in the package's own folder.
export const tsServerImplementation: Implementation = IS_CHECKOUT
  ? { name: TS_SERVER_NAME, kind: 'process', command: TS_SERVER_COMMAND, listen: TS_SERVER_LISTEN_COMMAND, cwd: PACKAGE_ROOT, prepare: ensureTsServer }
  : { name: TS_SERVER_NAME, kind: 'process', command: builtCliCommand('kernel'), listen: builtCliCommand('kernel --listen'), cwd: PACKAGE_ROOT };

function builtCliCommand(args: string): string {
  return `${JSON.stringify(process.execPath)} ${JSON.stringify(join(PACKAGE_ROOT, 'dist/cli/main.js'))} ${args}`;
}

// The builtins run in the package's own folder (their commands are relative to it), whatever
// folder the run was started in.
export const rustImplementation: Implementation = {
  name: RUST_NAME,
  kind: 'process',
  command: RUST_BINARY,
  cwd: PACKAGE_ROOT,
  prepare: () => ensureRustKernel(PACKAGE_ROOT),
};

/** The three implementations of a default run, the reference first. */
export const builtinImplementations: readonly Implementation[] = [
  referenceImplementation,
  tsServerImplementation,
  rustImplementation,
];

/** `--impl` values: a builtin name, or a command. */
export function implementationFromArgument(argument: string): Implementation {
  return builtinImplementations.find((builtin) => builtin.name === argument) ?? processImplementation(argument);
}
