import type { ContractName } from '../../generated/ts/contract-index.js';

/** One reason a value is not a valid contract value. */
export interface ContractError {
  /** JSON pointer of the failing value, per docs/protocol.md ("Schema errors"). */
  readonly path: string;
  /** The failing JSON Schema keyword (`required`, `type`, `discriminator`, ...). */
  readonly keyword: string;
  /** A sentence for people that ends with where: `... at /intent/target_size`. */
  readonly message: string;
}

/** Thrown by `assertValid`: the contract and every error found. */
export class ContractValidationError extends Error {
  constructor(
    readonly contract: ContractName,
    readonly errors: readonly ContractError[],
  ) {
    super(`invalid ${contract}: ${errors.map((error) => error.message).join('; ')}`);
    this.name = 'ContractValidationError';
  }
}
