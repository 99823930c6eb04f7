/**
 * The contracts entry of the `lockstep` package: the contract types generated from
 * `schemas/`, the validation API over the ahead-of-time compiled validators, and canonical
 * JSON. It loads no schema compiler and no generator (only ajv's small runtime helpers,
 * bundled into the build), so that validating is cheap to import.
 */
export type * from '../generated/ts/types.js';

export {
  ContractValidationError,
  assertValid,
  contractNames,
  isContractName,
  validate,
  type ContractError,
  type ContractName,
  type ContractTypes,
  type ValidationResult,
} from './contracts/index.js';

export {
  CanonicalJsonError,
  JSON_DEPTH_MAX,
  JsonParseError,
  canonicalJsonErrorCodes,
  canonicalize,
  jsonParseErrorCodes,
  jsonPointer,
  parseJson,
  type CanonicalJsonErrorCode,
  type JsonParseErrorCode,
  type PathSegment,
  type TextPosition,
} from './canonical/index.js';
