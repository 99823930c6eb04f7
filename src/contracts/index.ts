// The validation API of the lockstep contracts: validate any contract value by name.
export { contractNames, contractSchemaIds } from '../../generated/ts/contract-index.js';
export type { ContractName, ContractTypes } from '../../generated/ts/contract-index.js';
export { ContractValidationError } from './contract-error.js';
export type { ContractError } from './contract-error.js';
export { assertValid, isContractName, validate } from './validate.js';
export type { ValidateOptions, ValidationResult } from './validate.js';
