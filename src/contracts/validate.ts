import { contractNames, type ContractName, type ContractTypes } from '../../generated/ts/contract-index.js';
import * as compiled from '../../generated/ts/validators.js';
import * as compiledAllErrors from '../../generated/ts/validators-all-errors.js';
import type { CompiledValidator } from '../../generated/ts/validators.js';
import { ContractValidationError, type ContractError } from './contract-error.js';
import { toContractError } from './error-report.js';

/**
 * The outcome of `validate`: the value, typed, or the errors: the first error only (what the
 * protocol answers, per docs/protocol.md), or every error with `{ allErrors: true }`.
 */
export type ValidationResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly errors: readonly ContractError[] };

export interface ValidateOptions {
  /** Report every error, not just the first (a second set of validators compiled with ajv's allErrors). */
  readonly allErrors?: boolean;
}

const validators: { readonly [N in ContractName]: CompiledValidator<ContractTypes[N]> } = compiled;
const allErrorsValidators: { readonly [N in ContractName]: CompiledValidator<ContractTypes[N]> } = compiledAllErrors;
const names: ReadonlySet<string> = new Set(contractNames);

/** Whether `name` names a contract. */
export function isContractName(name: string): name is ContractName {
  return names.has(name);
}

/** Validates `value` against the contract `name` with the ahead-of-time compiled validator. */
export function validate<N extends ContractName>(name: N, value: unknown, options?: ValidateOptions): ValidationResult<ContractTypes[N]> {
  if (!isContractName(name)) {
    throw new TypeError(`unknown contract ${JSON.stringify(name)}; known: ${contractNames.join(', ')}`);
  }
  const validator = (options?.allErrors === true ? allErrorsValidators : validators)[name] as CompiledValidator<ContractTypes[N]>;
  if (validator(value)) return { ok: true, value };
  const errors = (validator.errors ?? []).map(toContractError);
  return { ok: false, errors: errors.length > 0 ? errors : [{ path: '', keyword: 'unknown', message: 'invalid at the root' }] };
}

/** Like `validate`, but returns the typed value or throws a ContractValidationError. */
export function assertValid<N extends ContractName>(name: N, value: unknown): ContractTypes[N] {
  const result = validate(name, value);
  if (!result.ok) throw new ContractValidationError(name, result.errors);
  return result.value;
}
