// Check 8 of docs/protocol.md: a parsed line against the ProtocolRequest schema, reporting the
// first error as the protocol answers it. The validator comes from the protocol edge's own
// generated module (the same compiled code validators.js holds for ProtocolRequest), so a
// kernel server loads ~0.4 MB of validators instead of the ~2.7 MB for every contract: that
// parse was half of a TS server's start-up, paid once per session the parity job cannot share.
import { ProtocolRequest as compiledRequest } from '../../generated/ts/protocol-validators.js';
import type { ProtocolRequest } from '../../generated/ts/types.js';
import type { ContractError } from '../contracts/contract-error.js';
import { toContractError } from '../contracts/error-report.js';

export type RequestSchemaResult =
  | { readonly ok: true; readonly request: ProtocolRequest }
  | { readonly ok: false; readonly error: ContractError };

const NOT_A_REQUEST: ContractError = { path: '', keyword: 'unknown', message: 'invalid at the root' };

export function checkRequestSchema(value: unknown): RequestSchemaResult {
  if (compiledRequest(value)) return { ok: true, request: value };
  const first = compiledRequest.errors?.[0];
  return { ok: false, error: first === undefined ? NOT_A_REQUEST : toContractError(first) };
}
