import { createReferenceSession } from './reference-session.js';
import { ensureTsServer } from './ts-server-build.js';
import {
  ensureRustKernel,
  processImplementation,
  REFERENCE_NAME,
  RUST_BINARY,
  RUST_NAME,
  TS_SERVER_COMMAND,
  TS_SERVER_NAME,
  type Implementation,
} from './implementation.js';

export const referenceImplementation: Implementation = {
  name: REFERENCE_NAME,
  kind: 'in-process',
  createSession: createReferenceSession,
};

export const tsServerImplementation: Implementation = { name: TS_SERVER_NAME, kind: 'process', command: TS_SERVER_COMMAND, prepare: ensureTsServer };

export const rustImplementation: Implementation = {
  name: RUST_NAME,
  kind: 'process',
  command: RUST_BINARY,
  prepare: ensureRustKernel,
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
